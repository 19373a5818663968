import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// Major works against the real PostgreSQL (seed 003 五(二)3): without an approved plan the 3-day
/// timer escalates; with one, each daily progress entry moves the next deadline a day on, and a
/// missing entry reminds and then escalates.
@Suite(.serialized) struct RepairPlanStoreTests {
    static let engineer = #"{"id":"E2001","name":"周经理","role":"engineering_manager","audience":"engineering"}"#
    static let director = #"{"id":"M0001","name":"林主任","role":"director","audience":"management"}"#

    @Test(.requiring(.postgres)) func anApprovedPlanWithDailyProgressDoesNotEscalateAndAMissingEntryDoes() async throws {
        try await TimerScenario.run("repair_plan") { scenario in
            let caseID = try #require(try await scenario.createCases(1, priority: .major, prefix: "plan").first)
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            var sent = 0
            func send(_ command: String, hours: Int64, _ fields: [String: String?] = [:],
                      actor: String = Self.engineer) async throws -> CommandOutcome {
                let at = TimerScenario.at(minutes: hours * 60 + 1)
                sent += 1
                let body = CommandScenario.body(id: "\(command)-\(sent)", caseID: caseID, actor: actor, at: at.description, fields)
                return try await processor.apply(body: body, routingKey: command, amqpMessageID: nil, now: at, on: scenario.connection)
            }
            func accepted(_ outcome: CommandOutcome) -> Bool {
                if case .rejected = outcome { return false }
                return true
            }
            func pending(_ kind: String) async throws -> [String] {
                try await scenario.connection.query("""
                    SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD HH24:MI') AS due FROM timers
                    WHERE case_id = \(caseID)::uuid AND kind = \(kind) AND state = 'pending'
                    """).map { try $0.decode("due", as: String.self) }
            }
            #expect(try await pending("long_repair_plan") == ["11-05 08:00"], "3 days from receipt")
            #expect(try await send("progress", hours: 1, ["note": "\"勘察\""]) == .rejected(.lifecycle(.precondition)))
            #expect(accepted(try await send("accept", hours: 1)))
            #expect(accepted(try await send("plan", hours: 2, ["summary": "\"搭脚手架更换外墙砖\"",
                                                               "expected_completion": "\"2026-11-20T18:00:00+08:00\""])))
            #expect(try await send("approve_plan", hours: 3, ["approver": "\"director\""]) == .rejected(.lifecycle(.notPermitted)))
            #expect(accepted(try await send("approve_plan", hours: 3, ["approver": "\"engineering_manager\""])))
            #expect(try await pending("repair_daily_progress").isEmpty, "one approval is not an approved plan")
            let approval = try await send("approve_plan", hours: 4, ["approver": "\"director\""], actor: Self.director)
            #expect(accepted(approval), "\(approval)")
            #expect(try await pending("long_repair_plan").isEmpty, "the approved plan answers the 3-day timer")
            #expect(try await pending("repair_daily_progress") == ["11-03 12:01"], "a day after the approval")
            let row = try await scenario.connection.query("""
                SELECT plan_state, plan_approvals, plan_summary, 'management' = ANY(notify) AS office FROM cases
                WHERE case_id = \(caseID)::uuid
                """).single()
            #expect(try row.decode("plan_state", as: String.self) == "approved")
            #expect(try row.decode("plan_approvals", as: [String].self) == ["engineering_manager", "director"])
            #expect(try row.decode("plan_summary", as: String.self) == "搭脚手架更换外墙砖")
            #expect(try row.decode("office", as: Bool.self), "the director's office hears of the plan")

            // Day 1 and day 2 entries, each within the day: nothing fires.
            #expect(accepted(try await send("progress", hours: 20, ["note": "\"脚手架完成\"", "percent_done": "20"])))
            #expect(try await pending("repair_daily_progress") == ["11-04 04:01"], "24 h after the entry")
            _ = try await scenario.fireAll(at: TimerScenario.at(minutes: 36 * 60))
            #expect(accepted(try await send("progress", hours: 38, ["note": "\"拆除空鼓砖\"", "percent_done": "45"])))
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_daily_progress").isEmpty,
                    "entries each day: no reminder, no escalation")
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'progress'
                  AND details->>'percent_done' IS NOT NULL
                """) == 2)

            // Day 3: no entry. A reminder at 80 %, then level 1 at the deadline, level 2 a day later.
            _ = try await scenario.fireAll(at: TimerScenario.at(minutes: 38 * 60 + 20 * 60))
            let reminded = try await scenario.timerEvents(case: caseID, kind: "repair_daily_progress")
            #expect(reminded.contains("engineering.case.reminder") && !reminded.contains { $0.hasSuffix(".case.escalated") },
                    "reminded about 19 h after the last entry, not yet escalated: \(reminded)")
            _ = try await scenario.fireAll(at: TimerScenario.at(minutes: 38 * 60 + 24 * 60 + 5))
            _ = try await scenario.fireAll(at: TimerScenario.at(minutes: 38 * 60 + 48 * 60 + 5))
            let events = try await scenario.timerEvents(case: caseID, kind: "repair_daily_progress")
            #expect(events.contains("engineering.case.reminder") && events.contains("engineering.case.escalated"), "\(events)")
            #expect(events.contains("management.case.escalated"), "\(events)")
        }
    }
}
