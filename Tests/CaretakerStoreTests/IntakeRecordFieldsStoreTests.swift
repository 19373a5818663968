import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

private let now = RFC3339Timestamp("2026-11-02T09:00:00+08:00")!

private func complaint(_ id: String, incidentAt: String? = nil, about: String? = nil, request: String? = nil) -> IntakeItem {
    let message = IntakeMessage(
        messageID: id, kind: .complaint, text: "态度很差", receivedAt: RFC3339Timestamp("2026-11-02T08:55:00+08:00")!,
        channel: .hotline, resident: .init(name: "王小明", phone: "13800001234"),
        incidentAt: incidentAt.flatMap(RFC3339Timestamp.init), complainedAbout: about, residentRequest: request)
    let decision = TriageDecision(department: .customerService, category: "staff_conduct", severity: .important,
                                  reasons: ["staff_conduct"], rulesVersion: "test")
    return .report(message, decision, accused: [.customerService])
}

/// The record fields (migration 7) are stored on the case, read back by `CaseLoader`, and carried
/// in the `case.created` events the recorder writes to the outbox.
@Suite(.serialized) struct IntakeRecordFieldsStoreTests {
    @Test(.requiring(.postgres)) func theFieldsAreStoredReadBackAndCarriedInTheEvents() async throws {
        try await ScratchDatabase.with("record_fields") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let outcomes = try await IntakeRecorder().record([
                complaint("m-with", incidentAt: "2026-11-01T22:40:00+08:00", about: "前台小王", request: "要求赔偿，回电13800001234"),
                complaint("m-without"),
            ], now: now, on: connection)
            guard case .created(let withID, let withNumber) = outcomes[0], case .created(_, let withoutNumber) = outcomes[1] else {
                Issue.record("expected two created cases, got \(outcomes)")
                return
            }

            let row = try await connection.query("""
                SELECT extract(epoch FROM incident_at)::int8 AS incident, complained_about, resident_request
                FROM cases WHERE case_number = \(withNumber)
                """).single()
            #expect(try row.decode("incident", as: Int64.self) == RFC3339Timestamp("2026-11-01T22:40:00+08:00")!.secondsSinceEpoch)
            #expect(try row.decode("complained_about", as: String.self) == "前台小王")
            #expect(try row.decode("resident_request", as: String.self) == "要求赔偿，回电13800001234")

            let loaded = try #require(try await CaseLoader.load(CaseReference(caseNumber: withNumber)!, on: connection))
            #expect(loaded.report.incidentAt?.description == "2026-11-01T14:40:00Z")
            #expect(loaded.report.complainedAbout == "前台小王")
            #expect(loaded.report.residentRequest == "要求赔偿，回电13800001234")
            let without = try #require(try await CaseLoader.load(CaseReference(caseNumber: withoutNumber)!, on: connection))
            #expect(without.report.incidentAt == nil)
            #expect(without.report.complainedAbout == nil)
            #expect(without.report.residentRequest == nil)

            let bodies = try await connection.query("""
                SELECT routing_key, convert_from(body, 'UTF8') AS body FROM outbox WHERE case_id = \(withID)::uuid ORDER BY id
                """).map { (try $0.decode("routing_key", as: String.self), try $0.decode("body", as: String.self)) }
            #expect(bodies.map(\.0) == ["customer_service.case.created"])
            let payload = try JSONParser.parse(Array(bodies[0].1.utf8))
            #expect(payload["incident_at"] == .string("2026-11-01T22:40:00+08:00"))
            #expect(payload["complained_about"] == .string("前台小王"))
            // Customer service is accused here: the request reaches it masked.
            #expect(payload["resident_request"]?.serialized.contains("13800001234") == false)
            #expect(payload["resident_request"]?.serialized.contains("要求赔偿") == true)
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func casesRecordedBeforeMigrationSevenLoadWithoutTheFields() async throws {
        try await ScratchDatabase.with("record_fields_upgrade") { database in
            let connection = try await database.connect()
            let before = Array(Migration.all.prefix { $0.name != "record_fields" })
            #expect(before.count == 6, "migrations 1–6 come before the record fields")
            _ = try await MigrationRunner(migrations: before).migrate(on: connection)
            _ = try await connection.execute("""
                INSERT INTO cases (case_id, case_number, kind, state, department, category, priority, responsibility,
                                   rules_version, correlation_id, channel, report_text, received_at)
                VALUES ('6f1c0a4e-0000-4000-8000-000000000007', 'BX-20261101-000007', 'repair', 'dispatched',
                        'engineering', 'lighting', 'general', 'free', 'old', 'm-old', 'hotline', '楼道灯不亮',
                        '2026-11-01T08:00:00+08:00')
                """)
            _ = try await MigrationRunner().migrate(on: connection)
            let old = try #require(try await CaseLoader.load(CaseReference(caseNumber: "BX-20261101-000007")!, on: connection))
            #expect(old.report.incidentAt == nil)
            #expect(old.report.complainedAbout == nil)
            #expect(old.report.residentRequest == nil)
            await #expect(throws: (any Error).self) {
                try await connection.execute("UPDATE cases SET complained_about = \(String(repeating: "保", count: 201))")
            }
            await connection.close()
        }
    }
}
