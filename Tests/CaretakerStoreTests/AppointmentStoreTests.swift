import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// 预约维修时间 against the real PostgreSQL: the appointment given at intake is stored and is the
/// on-site deadline, `appoint` moves it, and a missed appointment escalates.
@Suite(.serialized) struct AppointmentStoreTests {
    static let technician = #"{"id":"E1024","name":"李师傅","role":"technician","audience":"engineering"}"#

    @Test(.requiring(.postgres)) func theOnSiteTimerCountsToTheAppointmentAndAMissedOneEscalates() async throws {
        try await TimerScenario.run("appointment") { scenario in
            let message = IntakeMessage(
                messageID: "appt-1", kind: .repair, text: "卫生间水龙头滴水", receivedAt: TimerScenario.t0, channel: .hotline,
                appointmentAt: RFC3339Timestamp("2026-11-02T14:00:00+08:00")!)
            let decision = TriageDecision(department: .engineering, category: "plumbing", priority: .small,
                                          responsibility: .paid, rulesVersion: "test")
            let outcomes = try await IntakeRecorder(observers: [scenario.timekeeper]).record(
                [.report(message, decision, accused: [])], now: TimerScenario.t0, on: scenario.connection)
            guard case .created(let caseID, _)? = outcomes.first else {
                Issue.record("not created: \(outcomes)")
                return
            }
            func onSite() async throws -> (due: String, state: String, version: Int, level: Int) {
                let row = try await scenario.connection.query("""
                    SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due, state,
                           deadline_version::int8 AS version, level::int8 AS level
                    FROM timers WHERE case_id = \(caseID)::uuid AND kind = 'repair_on_site'
                    ORDER BY deadline_version DESC LIMIT 1
                    """).single()
                return (try row.decode("due"), try row.decode("state"), try row.decode("version"), try row.decode("level"))
            }
            #expect(try await onSite().due == "2026-11-02 14:00")
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM cases WHERE appointment_at = '2026-11-02T14:00:00+08:00'
                """) == 1)

            // The resident asks for 16:00 instead: a new version due then.
            let at = TimerScenario.at(minutes: 60)
            let body = CommandScenario.body(id: "appt-move", caseID: caseID, actor: Self.technician, at: at.description,
                                            ["appointment_at": "\"2026-11-02T16:00:00+08:00\"", "reason": "\"住户下午四点在家\""])
            let outcome = try await CommandProcessor(observers: [scenario.timekeeper]).apply(
                body: body, routingKey: "appoint", amqpMessageID: nil, now: at, on: scenario.connection)
            #expect(outcome == .applied(caseNumber: try await scenario.connection.query(
                "SELECT case_number FROM cases").single().decode(0, as: String.self), state: .dispatched))
            let moved = try await onSite()
            #expect(moved.due == "2026-11-02 16:00")
            #expect(moved.version == 2)

            // Nobody came by 16:00: the on-site timer escalates like any missed on-site deadline.
            _ = try await scenario.fireAll(at: RFC3339Timestamp("2026-11-02T16:01:00+08:00")!)
            #expect(try await onSite().level == 1)
            #expect(try await scenario.timerEvents(case: caseID, kind: "repair_on_site").contains { $0.hasSuffix("case.escalated") })
        }
    }
}

/// A console's priority correction against the real PostgreSQL: the case's priority and its
/// timers follow it in the same transaction.
@Suite(.serialized) struct PriorityCorrectionStoreTests {
    @Test(.requiring(.postgres)) func aCorrectedPriorityReplansTheTimers() async throws {
        try await TimerScenario.run("set_priority") { scenario in
            let caseID = try await scenario.createCases(1, kind: .repair, priority: .general)[0]
            let at = TimerScenario.at(minutes: 20)
            let body = CommandScenario.body(id: "prio", caseID: caseID, actor: AppointmentStoreTests.technician, at: at.description,
                                            ["priority": "\"urgent\"", "reason": "\"现场发现燃气管道漏气\""])
            _ = try await CommandProcessor(observers: [scenario.timekeeper]).apply(
                body: body, routingKey: "set_priority", amqpMessageID: nil, now: at, on: scenario.connection)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM cases WHERE priority = 'urgent'") == 1)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE kind = 'general_repair_completion' AND state = 'cancelled'
                """) == 1)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE kind = 'urgent_repair_completion' AND state = 'pending'
                  AND due_at = '2026-11-02T10:00:00+08:00'
                """) == 1, "2 h from receipt at 08:00")
        }
    }
}
