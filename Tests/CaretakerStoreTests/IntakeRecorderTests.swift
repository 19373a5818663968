import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

private let now = RFC3339Timestamp("2026-11-02T09:00:00+08:00")!

private func report(_ id: String, kind: IntakeMessage.Kind = .repair, text: String = "楼道灯不亮") -> IntakeItem {
    let message = IntakeMessage(
        messageID: id, kind: kind, text: text, receivedAt: RFC3339Timestamp("2026-11-02T08:55:00+08:00")!,
        channel: .hotline, estate: "翠湖苑", resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"))
    let decision = kind == .repair
        ? TriageDecision(department: .engineering, category: "lighting", priority: .general,
                         responsibility: .free, reasons: ["lighting: 灯"], rulesVersion: "test")
        : TriageDecision(department: .security, category: "guard_conduct", severity: .major,
                         notify: [.management, .leadership], reasons: ["guard_conduct: 保安"], rulesVersion: "test")
    return .report(message, decision, accused: kind == .complaint ? [.security] : [])
}

private func count(_ sql: SQLQuery, _ connection: PostgresConnection) async throws -> Int {
    try await connection.query(sql).single().decode(0, as: Int.self)
}

@Suite(.serialized) struct IntakeRecorderTests {
    @Test(.requiring(.postgres)) func aBatchCreatesCasesHistoryAndEventsOnceEvenWhenRedelivered() async throws {
        try await ScratchDatabase.with("intake") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let badBytes: [UInt8] = [0x7B, 0xFF, 0xFE, 0x27, 0x3B]
            let rejected = RejectedMessage(source: "intake", messageID: nil, routingKey: "repair", body: badBytes,
                                           field: "", reason: "invalid_utf8", detail: "bytes are not UTF-8")
            let batch = [report("m-1"), report("m-2", kind: .complaint, text: "保安态度差"), report("m-1"), .rejected(rejected)]

            let outcomes = try await IntakeRecorder().record(batch, now: now, on: connection)
            guard case .created(_, let repairNumber) = outcomes[0], case .created(_, let complaintNumber) = outcomes[1] else {
                Issue.record("expected two created cases, got \(outcomes)")
                return
            }
            #expect(repairNumber.hasPrefix("BX-20261102-"))
            #expect(complaintNumber.hasPrefix("TS-20261102-"))
            #expect(outcomes[2] == .duplicate)
            #expect(outcomes[3] == .rejected)

            #expect(try await count("SELECT count(*)::int8 FROM cases", connection) == 2)
            #expect(try await count("SELECT count(*)::int8 FROM case_history WHERE step = 'created'", connection) == 2)
            #expect(try await count("SELECT count(*)::int8 FROM inbox", connection) == 2)
            let keys = try await connection.query("SELECT routing_key FROM outbox ORDER BY id")
                .map { try $0.decode(0, as: String.self) }
            #expect(keys == [
                "engineering.case.created", "customer_service.case.created",
                "security.case.created", "customer_service.case.created", "management.case.created",
                "leadership.case.created", "quality.case.created", "intake",
            ])
            let stored = try await connection.query("SELECT body, reason FROM rejected_messages").single()
            #expect(try stored.decode("body", as: Data.self) == Data(badBytes))
            #expect(try stored.decode("reason", as: String.self) == "invalid_utf8")

            // The same messages again (a redelivery after a crash before the ack): nothing new.
            let again = try await IntakeRecorder().record([report("m-1"), report("m-2", kind: .complaint)], now: now, on: connection)
            #expect(again == [.duplicate, .duplicate])
            #expect(try await count("SELECT count(*)::int8 FROM cases", connection) == 2)
            #expect(try await count("SELECT count(*)::int8 FROM outbox", connection) == 8)

            let complaint = try await connection.query("""
                SELECT state, severity, notify, resident->>'phone' AS phone, about_own_staff, accused FROM cases
                WHERE case_number = \(complaintNumber)
                """).single()
            #expect(try complaint.decode("state", as: String.self) == "received")
            #expect(try complaint.decode("severity", as: String.self) == "major")
            #expect(try complaint.decode("notify", as: [String].self) == ["management", "leadership"])
            #expect(try complaint.decode("phone", as: String.self) == "13800001234")
            #expect(try complaint.decode("about_own_staff", as: Bool.self))
        #expect(try complaint.decode("accused", as: [String].self) == ["security"])
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func concurrentBatchesWithTheSameMessagesCreateEachCaseOnce() async throws {
        try await ScratchDatabase.with("intake_race") { database in
            let setup = try await database.connect()
            _ = try await MigrationRunner().migrate(on: setup)
            let connections = [try await database.connect(), try await database.connect(), try await database.connect()]
            let batch = (0..<50).map { report("race-\($0)") }
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for connection in connections {
                    group.addTask {
                        let outcomes = try await IntakeRecorder().record(batch, now: now, on: connection)
                        return outcomes.filter { if case .created = $0 { true } else { false } }.count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(created == 50)
            #expect(try await count("SELECT count(*)::int8 FROM cases", setup) == 50)
            #expect(try await count("SELECT count(DISTINCT case_number)::int8 FROM cases", setup) == 50)
            for connection in connections + [setup] { await connection.close() }
        }
    }
}
