import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Logging
import Postgres
import Testing

@Suite(.serialized) struct TimerCatchUpTests {
    /// Workers were down while 5,000 timers of 2,500 repairs fell due; when they come back two days
    /// later each timer fires once, at its highest level, saying how late it is, and the backlog
    /// drains no faster than the configured rate.
    @Test(.requiring(.postgres)) func afterDowntimeEachOverdueTimerFiresOnceAtItsHighestLevelAtTheCappedRate() async throws {
        try await TimerScenario.run("timers_catch_up") { scenario in
            try await scenario.createCases(2_500)
            let twoDaysLater = TimerScenario.at(minutes: 48 * 60)
            let overdue = try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE state = 'pending' AND next_at <= \(twoDaysLater.description)::timestamptz
                """)
            #expect(overdue == 5_000)  // repair_accept and repair_on_site; completion (72 h) is not yet due

            let rate = 500.0
            var logger = Logger(label: "test.catch-up")
            logger.logLevel = .warning
            let scheduler = TimerScheduler(
                settings: TimerScheduler.Settings(batchSize: 100, maximumFiresPerSecond: rate, pollInterval: .milliseconds(50)),
                store: TimerFiringStore(timekeeper: scenario.timekeeper), database: try await scenario.database.connect(),
                listener: nil, now: { twoDaysLater }, signal: OutboxSignal(), logger: logger)
            let stop = StopFlag()
            let started = ContinuousClock.now
            let running = Task { await scheduler.run(stop: stop) }
            try await eventually("backlog drained", timeout: .seconds(120)) {
                scheduler.totals.claimed >= overdue
            }
            let elapsed = ContinuousClock.now - started
            stop.raise()
            await running.value

            #expect(scheduler.totals.claimed == overdue)
            #expect(scheduler.totals.escalations == overdue)
            #expect(scheduler.totals.reminders == 0)
            #expect(elapsed >= .seconds(Double(overdue) / rate * 0.9), "drained faster than the cap: \(elapsed)")
            // One escalation per timer, straight to leadership, with the levels it skipped and its lateness.
            #expect(try await scenario.count("SELECT count(*)::int8 FROM case_history WHERE step = 'escalated'") == overdue)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM case_history
                WHERE step = 'escalated' AND details->>'level_name' = 'leadership'
                  AND jsonb_array_length(details->'skipped_levels') = 2 AND (details->>'late_seconds')::int8 > 0
                """) == overdue)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM outbox WHERE routing_key = 'leadership.case.escalated'
                """) == overdue)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM outbox WHERE routing_key LIKE '%.case.reminder'") == 0)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM timers WHERE state = 'fired'") == overdue)
        }
    }
}
