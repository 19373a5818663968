import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// `caretaker case <number>` shows a long repair's plan (seed 003 五(二)3): the summary, the
/// expected completion, where it stands, who approved it and when (only approvals of the current
/// plan), who is still awaited, and each daily progress entry; nothing of the kind for a repair
/// without a plan.
@Suite(.serialized) struct CaseRepairPlanCommandTests {
    static let received = RFC3339Timestamp("2026-11-02T08:00:00+08:00")!
    static let manager = #"{"id":"E2001","name":"周经理","role":"engineering_manager","audience":"engineering"}"#
    static let director = #"{"id":"M0001","name":"林主任","role":"director","audience":"management"}"#

    static func repair(_ id: String) -> IntakeItem {
        let message = IntakeMessage(messageID: id, kind: .repair, text: "外墙砖空鼓脱落", receivedAt: received,
                                    channel: .hotline, estate: "翠湖苑", location: "5号楼外墙")
        let decision = TriageDecision(department: .engineering, category: "facade", priority: .major,
                                      responsibility: .developer, rulesVersion: "test")
        return .report(message, decision, accused: [])
    }

    @Test(.requiring(.postgres)) func theTimelineShowsThePlanItsApprovalsAndTheProgressEntries() async throws {
        try await ScratchDatabase.with("cli_case_plan") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let outcomes = try await IntakeRecorder().record([Self.repair("m-approved"), Self.repair("m-proposed"),
                                                              Self.repair("m-none")], now: Self.received, on: connection)
            guard case .created(let approvedID, let approved) = outcomes[0], case .created(let proposedID, let proposed) = outcomes[1],
                  case .created(_, let none) = outcomes[2] else {
                Issue.record("expected three created cases, got \(outcomes)")
                return
            }
            let processor = CommandProcessor()
            var sent = 0
            func send(_ caseID: String, _ command: String, hours: Int64, _ fields: String = "",
                      actor: String = Self.manager) async throws {
                let at = RFC3339Timestamp(secondsSinceEpoch: Self.received.secondsSinceEpoch + hours * 3_600, utcOffsetMinutes: 480)
                sent += 1
                let body = #"{"command_id":"plan-\#(sent)","case_id":"\#(caseID)","at":"\#(at)","actor":\#(actor)\#(fields)}"#
                let outcome = try await processor.apply(body: Array(body.utf8), routingKey: command, amqpMessageID: nil,
                                                        now: at, on: connection)
                guard case .applied = outcome else { throw PlanSeedError(step: "\(command) at +\(hours) h: \(outcome)") }
            }
            let first = #","summary":"先搭脚手架","expected_completion":"2026-11-15T18:00:00+08:00""#
            let second = #","summary":"搭脚手架更换外墙砖","expected_completion":"2026-11-20T18:00:00+08:00""#
            try await send(approvedID, "accept", hours: 1)
            try await send(approvedID, "plan", hours: 2, first)
            try await send(approvedID, "approve_plan", hours: 3, #","approver":"engineering_manager""#)
            // A new plan needs both approvals again: the approval at +3 h no longer counts.
            try await send(approvedID, "plan", hours: 4, second)
            try await send(approvedID, "approve_plan", hours: 5, #","approver":"engineering_manager""#)
            try await send(approvedID, "progress", hours: 6, #","note":"勘察现场""#)
            try await send(approvedID, "approve_plan", hours: 7, #","approver":"director""#, actor: Self.director)
            try await send(approvedID, "progress", hours: 20, #","note":"脚手架完成","percent_done":20"#)
            try await send(approvedID, "progress", hours: 38, #","note":"拆除空鼓砖","percent_done":45"#)
            try await send(proposedID, "accept", hours: 1)
            try await send(proposedID, "plan", hours: 2, second)
            try await send(proposedID, "approve_plan", hours: 3, #","approver":"engineering_manager""#)
            await connection.close()
            let environment = ["CARETAKER_POSTGRES_URL": database.url]

            let shown = try await CaretakerBinary.run(["case", approved], environment: environment)
            #expect(shown.status == 0, "\(shown.stderr)")
            let plan = Array(shown.lines.drop { $0 != "plan (approved):" }.prefix(10))
            #expect(plan == [
                "plan (approved):",
                "  summary      搭脚手架更换外墙砖",
                "  expected     2026-11-20T18:00:00+08:00",
                "  approved     engineering_manager  by 周经理  at 2026-11-02 13:00:00",
                "  approved     director  by 林主任  at 2026-11-02 15:00:00",
                "progress (3 entries):",
                "  2026-11-02 14:00:00  -    勘察现场",
                "  2026-11-03 04:00:00  20%  脚手架完成",
                "  2026-11-03 22:00:00  45%  拆除空鼓砖",
                "history (10 steps):",
            ], "\(shown.stdout)")

            let waiting = try await CaretakerBinary.run(["case", proposed], environment: environment)
            #expect(waiting.status == 0, "\(waiting.stderr)")
            #expect(waiting.lines.contains("plan (proposed):"))
            #expect(waiting.lines.contains("  approved     engineering_manager  by 周经理  at 2026-11-02 11:00:00"))
            #expect(waiting.lines.contains("  awaiting     director"))
            #expect(waiting.lines.contains("progress (0 entries):"))

            let plain = try await CaretakerBinary.run(["case", none], environment: environment)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(!plain.lines.contains { $0.hasPrefix("plan (") || $0.hasPrefix("progress (") })
        }
    }

    /// A command of the scenario was refused.
    struct PlanSeedError: Error { var step: String }
}
