import CaretakerApp
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Prometheus
import Testing

/// Work that only a person can unstick — events the broker returned unroutable, timers waiting for
/// a calendar — shows in `/readyz` and in gauges, sampled from PostgreSQL.
@Suite(.serialized) struct StuckWorkReadinessTests {
    @Test func readyzNamesStuckWorkWithoutTurningUnready() {
        let readiness = Readiness(intakeConsuming: { true }, commandsConsuming: { true })
        readiness.databaseAnswered()
        #expect(readiness.verdict().json == #"{"ready":true}"# + "\n")
        readiness.noteStuckWork(outboxReturned: 2, timersNeedingCalendar: 0)
        let verdict = readiness.verdict()
        #expect(verdict.isReady)
        #expect(verdict.warnings == ["outbox_returned"])
        #expect(verdict.json == #"{"ready":true,"warnings":["outbox_returned"],"detail":{"outbox_refused":0,"outbox_returned":2,"timers_needing_calendar":0}}"# + "\n")
        let before = readiness.noteStuckWork(outboxReturned: 0, timersNeedingCalendar: 0)
        #expect(before == ["outbox_returned": 2, "outbox_refused": 0, "timers_needing_calendar": 0])
        #expect(readiness.verdict().json.contains(#""warnings":[]"#))
    }

    @Test(.requiring(.postgres)) func theSamplerCountsReturnedEventsAndTimersWaitingForACalendar() async throws {
        try await TimerScenario.run("stuck_work") { scenario in
            try await scenario.createCases(1)
            _ = try await scenario.connection.execute("""
                UPDATE timers SET state = 'needs_calendar', due_at = NULL, remind_at = NULL, next_at = NULL
                WHERE kind = 'general_repair_completion'
                """)
            _ = try await scenario.connection.execute("""
                UPDATE outbox SET last_outcome = 'returned', last_error = 'returned 312 NO_ROUTE', attempts = 1,
                                  retry_at = now() + interval '1 minute'
                WHERE id = (SELECT min(id) FROM outbox)
                """)
            let registry = PrometheusCollectorRegistry()
            let metrics = WorkerMetrics(registry: registry, sources: WorkerStatisticsSources(
                intake: IntakeStatistics(), commands: CommandStatistics(), outbox: OutboxStatistics(),
                timers: { TimerFiringStore.Report() }))
            let readiness = Readiness(intakeConsuming: { true }, commandsConsuming: { true })
            let database = try await scenario.database.connect()
            let sampler = MetricsSampler(metrics: metrics, readiness: readiness, database: database,
                                         logger: Logger(label: "test.sampler"))
            await sampler.sampleOnce()
            await database.close()

            let verdict = readiness.verdict()
            #expect(verdict.isReady)
            #expect(verdict.detail == ["outbox_returned": 1, "outbox_refused": 0, "timers_needing_calendar": 1])
            #expect(verdict.warnings == ["outbox_returned", "timers_needing_calendar"])
            let scrape = String(decoding: registry.emitToBuffer(), as: UTF8.self)
            #expect(scrape.contains("caretaker_outbox_returned 1"))
            #expect(scrape.contains("caretaker_timers_needing_calendar 1"))
        }
    }
}
