import CaretakerApp
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Prometheus
import Synchronization
import Testing

/// `/livez`, `/readyz` and `/metrics` served in-process from statistics objects and a
/// readiness check whose inputs the test controls; no servers needed.
@Suite struct ObservabilityEndpointTests {
    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    @Test func readyzSaysWhatIsMissingUntilConsumingAndDatabaseAnswered() async throws {
        let consuming = Flag()
        let readiness = Readiness(
            intakeConsuming: { consuming.value.load(ordering: .relaxed) },
            commandsConsuming: { consuming.value.load(ordering: .relaxed) })
        let metrics = WorkerMetrics(registry: PrometheusCollectorRegistry(), sources: WorkerStatisticsSources(
            intake: IntakeStatistics(), commands: CommandStatistics(), outbox: OutboxStatistics(),
            timers: { TimerFiringStore.Report() }))
        let (ports, reportPort) = AsyncStream<Int>.makeStream()
        let app = ObservabilityServer.make(
            host: "127.0.0.1", port: 0, metrics: metrics, readiness: readiness, logger: Logger(label: "test.http"),
            onRunning: { reportPort.yield($0) })
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        #expect(try HTTPProbe.get(port: port, "/livez").status == 200)
        let before = try HTTPProbe.get(port: port, "/readyz")
        #expect(before.status == 503)
        #expect(before.body.contains(#""missing":["intake_consuming","commands_consuming","database_round_trip"]"#))

        consuming.value.store(true, ordering: .relaxed)
        readiness.databaseAnswered()
        let after = try HTTPProbe.get(port: port, "/readyz")
        #expect(after.status == 200)
        #expect(after.body.contains(#""ready":true"#))

        let scrape = try HTTPProbe.get(port: port, "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.body.contains(#"caretaker_messages_acked_total{queue="intake"} 0"#))
        #expect(scrape.body.contains(#"caretaker_consuming{queue="intake"} 0"#))
        #expect(scrape.body.contains("# TYPE caretaker_intake_batch_duration_seconds histogram"))
        #expect(try HTTPProbe.get(port: port, "/nothing").status == 404)
    }

    @Test func aStaleDatabaseRoundTripMakesTheWorkerUnready() {
        let readiness = Readiness(intakeConsuming: { true }, commandsConsuming: { true },
                                  maximumDatabaseAge: .seconds(30))
        let now = ContinuousClock.now
        readiness.databaseAnswered(at: now - .seconds(31))
        #expect(readiness.verdict(now: now).missing == ["database_round_trip"])
        readiness.databaseAnswered(at: now - .seconds(5))
        #expect(readiness.verdict(now: now).isReady)
    }
}
