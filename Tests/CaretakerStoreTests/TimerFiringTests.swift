import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

@Suite(.serialized) struct TimerFiringStoreTests {
    @Test(.requiring(.postgres)) func aRepairNobodyAcceptsIsRemindedThenEscalatedLevelByLevelEachOnce() async throws {
        try await TimerScenario.run("timers_ladder") { scenario in
            let caseID = try #require(try await scenario.createCases(1).first)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM timers WHERE state = 'pending'") >= 3)

            // repair_accept: 5 min budget, reminder at 80 %, level 1 at 5 min, 2 at 20 min, 3 at 2 h 05.
            try await scenario.fireAll(at: TimerScenario.at(minutes: 3))
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_accept").isEmpty)
            try await scenario.fireAll(at: TimerScenario.at(minutes: 4))
            try await scenario.fireAll(at: TimerScenario.at(minutes: 4))
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_accept")
                == ["engineering.case.reminder", "customer_service.case.reminder"])
            for minutes: Int64 in [5, 6, 20, 21, 125, 200] { try await scenario.fireAll(at: TimerScenario.at(minutes: minutes)) }
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_accept") == [
                "engineering.case.reminder", "customer_service.case.reminder",
                "engineering.case.escalated", "customer_service.case.escalated",
                "engineering.case.escalated", "customer_service.case.escalated", "management.case.escalated",
                "engineering.case.escalated", "customer_service.case.escalated", "management.case.escalated",
                "leadership.case.escalated",
            ])
            let timer = try await scenario.connection.query("""
                SELECT state, level FROM timers WHERE case_id = \(caseID)::uuid AND kind = 'repair_accept'
                """).single()
            #expect(try timer.decode("state", as: String.self) == "fired")
            #expect(try timer.decode("level", as: Int.self) == 3)
            #expect(try await scenario.count("SELECT escalation_level::int8 FROM cases") == 3)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM case_history WHERE step = 'escalated' AND details->>'timer_kind' = 'repair_accept'
                """) == 3)
        }
    }

    @Test(.requiring(.postgres)) func aRepairAcceptedAndReachedInTimeIsNeitherRemindedNorEscalated() async throws {
        try await TimerScenario.run("timers_in_time") { scenario in
            let caseID = try #require(try await scenario.createCases(1).first)
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            for (command, minute) in [("accept", 2), ("arrive", 10)] {
                let body = #"{"command_id":"\#(command)-1","case_id":"\#(caseID)","at":"2026-11-02T08:\#(minute < 10 ? "0" : "")\#(minute):00+08:00","actor":{"id":"E1","audience":"engineering"}}"#
                let outcome = try await processor.apply(body: Array(body.utf8), routingKey: command, amqpMessageID: nil,
                                                        now: TimerScenario.at(minutes: Int64(minute)), on: scenario.connection)
                guard case .applied = outcome else {
                    Issue.record("\(command) was not applied: \(outcome)")
                    return
                }
            }
            try await scenario.fireAll(at: TimerScenario.at(minutes: 300))
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_accept").isEmpty)
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_on_site").isEmpty)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE kind IN ('repair_accept', 'repair_on_site') AND state = 'cancelled'
                """) == 2)
        }
    }

    @Test(.requiring(.postgres)) func aPostponementMovesTheFeedbackDeadlineAndAThirdIsRefused() async throws {
        try await TimerScenario.run("timers_postpone") { scenario in
            let promised = RFC3339Timestamp("2026-11-03T18:00:00+08:00")!
            let caseID = try #require(try await scenario.createCases(1, kind: .complaint, promisedFeedbackAt: promised).first)
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            var outcomes: [CommandOutcome] = []
            for (index, until) in ["2026-11-05T18:00:00+08:00", "2026-11-09T18:00:00+08:00", "2026-11-12T18:00:00+08:00"].enumerated() {
                let body = #"{"command_id":"p-\#(index)","case_id":"\#(caseID)","at":"2026-11-03T09:00:00+08:00","until":"\#(until)","reason":"等配件","actor":{"id":"C1","audience":"customer_service"}}"#
                outcomes.append(try await processor.apply(body: Array(body.utf8), routingKey: "postpone", amqpMessageID: nil,
                                                          now: RFC3339Timestamp("2026-11-03T09:00:00+08:00")!, on: scenario.connection))
            }
            #expect(outcomes.last == .rejected(.lifecycle(.postponeLimitReached)))
            let feedback = try await scenario.connection.query("""
                SELECT deadline_version, state, to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due
                FROM timers WHERE kind = 'promised_feedback' ORDER BY deadline_version
                """).map { "v\(try $0.decode("deadline_version", as: Int.self)) \(try $0.decode("state", as: String.self)) \(try $0.decode("due", as: String.self))" }
            #expect(feedback == ["v1 cancelled 2026-11-03 18:00", "v2 cancelled 2026-11-05 18:00", "v3 pending 2026-11-09 18:00"])
            // The old deadline passes without a word; the new one is honoured.
            try await scenario.fireAll(at: RFC3339Timestamp("2026-11-04T09:00:00+08:00")!)
            #expect(try await scenario.timerEvents(case: caseID, kind: "promised_feedback").isEmpty)
            try await scenario.fireAll(at: RFC3339Timestamp("2026-11-09T18:01:00+08:00")!)
            #expect(try await scenario.timerEvents(case: caseID, kind: "promised_feedback").contains("customer_service.case.escalated"))
        }
    }

    @Test(.requiring(.postgres)) func threeRacingSchedulersFireEveryDueTimerExactlyOnce() async throws {
        try await TimerScenario.run("timers_race") { scenario in
            try await scenario.createCases(2_000)
            let due = try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE state = 'pending' AND due_at <= \(TimerScenario.at(minutes: 6).description)::timestamptz
                """)
            #expect(due == 2_000)  // repair_accept only: on-site (15 min) and completion (72 h) are not due yet
            let connections = [try await scenario.database.connect(), try await scenario.database.connect(),
                               try await scenario.database.connect()]
            let store = TimerFiringStore(timekeeper: scenario.timekeeper)
            let claimed = try await withThrowingTaskGroup(of: Int.self) { group in
                for connection in connections {
                    group.addTask {
                        var claimed = 0
                        while true {
                            let report = try await store.fireDue(now: TimerScenario.at(minutes: 6), limit: 50, on: connection)
                            if report.claimed == 0 { return claimed }
                            claimed += report.claimed
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(claimed == 2_000)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM case_history WHERE step = 'escalated'") == 2_000)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM outbox WHERE routing_key LIKE '%.case.escalated'") == 4_000)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM (SELECT case_id FROM case_history WHERE step = 'escalated'
                                            GROUP BY case_id HAVING count(*) > 1) twice
                """) == 0)
            for connection in connections { await connection.close() }
        }
    }

    @Test(.requiring(.postgres)) func aComplaintStillOpenAfterAMonthBecomesMajorAndReachesLeadership() async throws {
        try await TimerScenario.run("timers_month") { scenario in
            let caseID = try #require(try await scenario.createCases(1, kind: .complaint).first)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM timers WHERE kind = 'manager_complaint_close'") == 0)

            try await scenario.fireAll(at: RFC3339Timestamp("2026-12-02T08:01:00+08:00")!)
            let upgraded = try await scenario.connection.query("""
                SELECT severity, notify, escalation_level FROM cases WHERE case_id = \(caseID)::uuid
                """).single()
            #expect(try upgraded.decode("severity", as: String.self) == "major")
            #expect(try upgraded.decode("notify", as: [String].self) == ["management", "leadership"])
            #expect(try upgraded.decode("escalation_level", as: Int.self) == 3)
            #expect(try await scenario.timerEvents(case: caseID, kind: "complaint_unresolved_month")
                .contains("leadership.case.escalated"))
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM outbox WHERE routing_key = 'leadership.case.updated'
                """) == 1)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM case_history WHERE step = 'severity_upgraded'") == 1)
            // Now a major complaint, it must be closed within 15 days: that timer has started.
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE kind = 'manager_complaint_close' AND state = 'pending'
                """) == 1)
            // Firing again changes nothing.
            try await scenario.fireAll(at: RFC3339Timestamp("2026-12-02T08:02:00+08:00")!)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM case_history WHERE step = 'severity_upgraded'") == 1)
        }
    }
}
