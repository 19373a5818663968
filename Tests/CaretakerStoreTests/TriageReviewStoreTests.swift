import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Testing

/// `caretaker triage review`'s data: reassignments in a month, each with the decision it corrected.
@Suite(.serialized) struct TriageReviewStoreTests {
    @Test(.requiring(.postgres)) func reassignmentsOfTheMonthAreGroupedByTheDecisionThatWasWrong() async throws {
        try await TimerScenario.run("triage_review") { scenario in
            let recorder = IntakeRecorder(observers: [scenario.timekeeper])
            let october = RFC3339Timestamp("2026-10-05T10:00:00+08:00")!
            let decisions: [(String, TriageDecision)] = [
                ("rules", TriageDecision(department: .engineering, category: "door_lock", priority: .general, responsibility: .free,
                                         reasons: ["category.door_lock: matched \"门\" (score 3) → engineering"], rulesVersion: "2026.2")),
                ("model", TriageDecision(department: .environment, category: "unclassified", priority: .general, responsibility: .free,
                                         reasons: ["unclassified: no category reached score 1.5 → customer_service, needs triage",
                                                   "model.department: environment p=70%, combined 70%"], rulesVersion: "2026.2")),
                ("kept", TriageDecision(department: .security, category: "theft", priority: .general, responsibility: .free,
                                        reasons: ["category.theft: matched \"偷\" (score 3) → security"], rulesVersion: "2026.2")),
            ]
            var ids: [String: String] = [:]
            for (name, decision) in decisions {
                let message = IntakeMessage(messageID: "review-\(name)", kind: .repair, text: "报修", receivedAt: october, channel: .hotline)
                let outcomes = try await recorder.record([.report(message, decision, accused: [])], now: october, on: scenario.connection)
                guard case .created(let id, _) = outcomes.first else { Issue.record("not created: \(name)"); return }
                ids[name] = id
            }
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            let moves = [("rules", "security", "2026-10-05T10:05:00+08:00"), ("model", "engineering", "2026-10-05T10:06:00+08:00"),
                         ("kept", "engineering", "2026-11-01T00:00:00+08:00")]
            for (index, move) in moves.enumerated() {
                let body = #"{"command_id":"review-cmd-\#(index)","case_id":"\#(ids[move.0]!)","at":"\#(move.2)","actor":{"id":"C1","audience":"customer_service"},"department":"\#(move.1)","reason":"派错了"}"#
                let outcome = try await processor.apply(body: Array(body.utf8), routingKey: "reassign", amqpMessageID: nil,
                                                        now: RFC3339Timestamp(move.2)!, on: scenario.connection)
                guard case .applied = outcome else { Issue.record("reassign \(move.0): \(outcome)"); return }
            }
            // The November reassignment is outside October.
            let corrections = try await TriageReviewStore().corrections(in: ReportMonth("2026-10")!, on: scenario.connection)
            #expect(corrections.map(\.toDepartment) == ["security", "engineering"])
            let groups = TriageCorrection.grouped(corrections)
            #expect(groups.map(\.decision) == ["category.door_lock", "model.department"])
            #expect(corrections.map(\.fromDepartment) == ["engineering", "environment"])
            #expect(corrections.allSatisfy { $0.reason == "派错了" && $0.rulesVersion == "2026.2" })
        }
    }
}
