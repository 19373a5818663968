import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// `caretaker case <number>` shows the intake's record fields when the case has them, and no
/// such lines when it has not.
@Suite(.serialized) struct CaseRecordFieldsCommandTests {
    static func item(_ id: String, incidentAt: String? = nil, about: String? = nil, request: String? = nil) -> IntakeItem {
        let message = IntakeMessage(
            messageID: id, kind: .complaint, text: "前台态度很差", receivedAt: RFC3339Timestamp("2026-11-02T08:55:00+08:00")!,
            channel: .walkIn, resident: .init(name: "王小明", phone: "13800001234"),
            incidentAt: incidentAt.flatMap(RFC3339Timestamp.init), complainedAbout: about, residentRequest: request)
        let decision = TriageDecision(department: .customerService, category: "staff_conduct", severity: .important,
                                      reasons: ["staff_conduct"], rulesVersion: "test")
        return .report(message, decision, accused: [.customerService])
    }

    @Test(.requiring(.postgres)) func theTimelineShowsWhenItHappenedWhoItIsAboutAndWhatTheResidentAsks() async throws {
        try await ScratchDatabase.with("cli_case") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let now = RFC3339Timestamp("2026-11-02T09:00:00+08:00")!
            let outcomes = try await IntakeRecorder().record([
                Self.item("m-with", incidentAt: "2026-11-01T14:40:00Z", about: "前台小王", request: "要求赔偿并书面道歉"),
                Self.item("m-without"),
            ], now: now, on: connection)
            await connection.close()
            guard case .created(_, let with) = outcomes[0], case .created(_, let without) = outcomes[1] else {
                Issue.record("expected two created cases, got \(outcomes)")
                return
            }
            let environment = ["CARETAKER_POSTGRES_URL": database.url]

            let shown = try await CaretakerBinary.run(["case", with], environment: environment)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.lines.contains("  incident at  2026-11-01T22:40:00+08:00"))
            #expect(shown.lines.contains("  about        前台小王"))
            #expect(shown.lines.contains("  request      要求赔偿并书面道歉"))

            let plain = try await CaretakerBinary.run(["case", without], environment: environment)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.lines.first?.hasPrefix(without) == true)
            #expect(!plain.lines.contains { $0.hasPrefix("  incident at") || $0.hasPrefix("  about ") || $0.hasPrefix("  request ") })
        }
    }
}
