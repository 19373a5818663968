import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// The complaint procedure against the real PostgreSQL: commands through `CommandProcessor`,
/// timers through the shipped policy, and escalations fired by `TimerFiringStore`.
@Suite(.serialized) struct ComplaintProcedureStoreTests {
    static let supervisor = #"{"id":"C0311","name":"陈主管","role":"supervisor","audience":"customer_service"}"#
    static let cleanerLead = #"{"id":"H0201","name":"刘组长","role":"supervisor","audience":"environment"}"#

    struct Run {
        let scenario: TimerScenario
        let processor: CommandProcessor

        /// Sends `command` at `minutes` after t0 as `actor`.
        @discardableResult
        func send(_ command: String, _ caseID: String, minutes: Int64, actor: String = supervisor,
                  _ fields: [String: String?] = [:]) async throws -> CommandOutcome {
            let at = TimerScenario.at(minutes: minutes)
            let body = CommandScenario.body(id: "\(command)-\(caseID)-\(minutes)", caseID: caseID, actor: actor,
                                            at: at.description, fields)
            return try await processor.apply(body: body, routingKey: command, amqpMessageID: nil, now: at,
                                             on: scenario.connection)
        }

        /// The newest timer of `kind`: its state, level and due date.
        func timer(_ caseID: String, _ kind: String) async throws -> (state: String, level: Int, due: String)? {
            try await scenario.connection.query("""
                SELECT state, level::int8, to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due
                FROM timers WHERE case_id = \(caseID)::uuid AND kind = \(kind) ORDER BY deadline_version DESC LIMIT 1
                """).first.map { (try $0.decode("state"), try $0.decode("level"), try $0.decode("due")) }
        }
    }

    func run(_ purpose: String, _ body: (Run, String) async throws -> Void) async throws {
        try await TimerScenario.run(purpose) { scenario in
            let caseID = try await scenario.createCases(1, kind: .complaint)[0]
            try await body(Run(scenario: scenario, processor: CommandProcessor(observers: [scenario.timekeeper])), caseID)
        }
    }

    @Test(.requiring(.postgres)) func aValidComplaintIsAnalysedCorrectedAndVerified() async throws {
        try await run("complaint-valid") { run, caseID in
            let assessed = try await run.send("assess", caseID, minutes: 30, ["validity": "\"valid\"", "reason": "\"前台确有怠慢\""])
            guard case .applied(_, let state) = assessed else {
                Issue.record("assess was not applied: \(assessed)")
                return
            }
            #expect(state == .received)
            #expect(try await run.timer(caseID, "valid_complaint_analysis")?.due == "2026-11-03 08:30")
            #expect(try await run.timer(caseID, "complaint_unresolved_month")?.state == "pending", "a valid complaint can still become major")

            // A corrective action before the analysis is refused; the analysis stops its timer.
            let early = try await run.send("correct", caseID, minutes: 40,
                                           ["action": "\"培训前台\"", "owner": "\"客服主管\"", "due": "\"2026-11-09T18:00:00+08:00\""])
            #expect(early == .rejected(.lifecycle(.precondition)))
            try await run.send("analyse", caseID, minutes: 60, ["cause": "\"新员工未经培训上岗\""])
            #expect(try await run.timer(caseID, "valid_complaint_analysis")?.state == "cancelled")

            try await run.send("correct", caseID, minutes: 90,
                               ["action": "\"培训前台\"", "owner": "\"客服主管\"", "due": "\"2026-11-09T18:00:00+08:00\""])
            #expect(try await run.timer(caseID, "corrective_action_verification")?.due == "2026-11-09 18:00")

            // Not verified by its due date: the timer escalates.
            let report = try await run.scenario.fireAll(at: RFC3339Timestamp("2026-11-09T18:05:00+08:00")!)
            #expect(report.escalations >= 1)
            #expect(try await run.timer(caseID, "corrective_action_verification")?.level == 1)

            // Only customer service, the office or leadership verify it.
            let minutesToVerify: Int64 = 7 * 24 * 60 + 11 * 60
            #expect(try await run.send("verify_correction", caseID, minutes: minutesToVerify, actor: Self.cleanerLead,
                                       ["verdict": "\"effective\""]) == .rejected(.lifecycle(.notPermitted)))
            try await run.send("verify_correction", caseID, minutes: minutesToVerify + 1, ["verdict": "\"effective\"", "note": "\"已培训\""])
            let timer = try await run.timer(caseID, "corrective_action_verification")
            #expect(timer?.state == "cancelled" || timer?.state == "fired")
            let row = try await run.scenario.connection.query("""
                SELECT seq::int8, owner, verdict, verified_by FROM corrective_actions WHERE case_id = \(caseID)::uuid
                """).single()
            #expect(try row.decode("seq", as: Int.self) == 1)
            #expect(try row.decode("owner", as: String.self) == "客服主管")
            #expect(try row.decode("verdict", as: String.self) == "effective")
            #expect(try row.decode("verified_by", as: String.self) == "C0311")
            #expect(try await run.scenario.count("SELECT count(*)::int8 FROM cases WHERE validity = 'valid' AND cause_analysed") == 1)
        }
    }

    @Test(.requiring(.postgres)) func anInvalidComplaintIsExplainedWithinTwoDaysAndNeverUpgraded() async throws {
        try await run("complaint-invalid") { run, caseID in
            #expect(try await run.send("assess", caseID, minutes: 10, actor: Self.cleanerLead,
                                       ["validity": "\"invalid\"", "reason": "\"x\""]) == .rejected(.lifecycle(.notPermitted)))
            try await run.send("assess", caseID, minutes: 20,
                               ["validity": "\"invalid\"", "reason": "\"停水系自来水公司检修\"", "other_body": "\"water_company\""])
            #expect(try await run.timer(caseID, "complaint_unresolved_month")?.state == "cancelled")
            #expect(try await run.timer(caseID, "invalid_complaint_explanation")?.due == "2026-11-04 08:20")
            #expect(try await run.timer(caseID, "other_body_contact")?.due == "2026-11-05 08:20")
            #expect(try await run.send("analyse", caseID, minutes: 30, ["cause": "\"x\""]) == .rejected(.lifecycle(.precondition)))

            // Two days pass without an explanation: it escalates; then the resident is told.
            _ = try await run.scenario.fireAll(at: RFC3339Timestamp("2026-11-04T09:00:00+08:00")!)
            #expect(try await run.timer(caseID, "invalid_complaint_explanation")?.level == 1)
            try await run.send("inform_resident", caseID, minutes: 2 * 24 * 60 + 70,
                               ["note": "\"已向住户说明：停水系市政检修，预计今晚恢复\""])
            #expect(try await run.timer(caseID, "other_body_contact")?.state == "cancelled")
            #expect(try await run.scenario.count("""
                SELECT count(*)::int8 FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'inform_resident'
                  AND details->>'note' LIKE '已向住户说明%'
                """) == 1)
            // A month later the complaint is still not major.
            _ = try await run.scenario.fireAll(at: RFC3339Timestamp("2026-12-03T09:00:00+08:00")!)
            #expect(try await run.scenario.count("SELECT count(*)::int8 FROM cases WHERE severity = 'major'") == 0)
        }
    }
}

/// Issue 12 item 6 against the real PostgreSQL: a command from before the case or from the
/// future is refused as invalid_time and changes nothing.
@Suite(.serialized) struct CommandTimingStoreTests {
    @Test(.requiring(.postgres)) func aCommandOutOfTimeIsRefusedAndTheCaseUntouched() async throws {
        try await CommandScenario.run("cmd_timing") { scenario in
            let created = try await scenario.createCase(.repair)
            let before = CommandScenario.body(id: "early", caseID: created.id, at: "2026-11-02T08:00:00+08:00")
            #expect(try await scenario.send(bytes: before, routingKey: "accept") == .rejected(.lifecycle(.invalidTime)))
            let ahead = CommandScenario.body(id: "ahead", caseID: created.id, at: "2026-12-30T08:00:00+08:00")
            #expect(try await scenario.send(bytes: ahead, routingKey: "accept") == .rejected(.lifecycle(.invalidTime)))
            #expect(rejection(try await scenario.lastEvent()).reason == "invalid_time")
            #expect(try await scenario.column("state", of: created.id, as: String.self) == "dispatched")
            #expect(try await scenario.history(created.id).map(\.step) == ["created"])
            // The feedback date (2026-11-03 18:00) has passed: too late to postpone.
            let late = CommandScenario.body(id: "late-postpone", caseID: created.id, at: "2026-11-04T09:00:00+08:00",
                                            ["until": "\"2026-11-08T18:00:00+08:00\"", "reason": "\"等配件\""])
            #expect(try await scenario.send(bytes: late, routingKey: "postpone") == .rejected(.lifecycle(.postponeTooLate)))
        }
    }
}
