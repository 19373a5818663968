import Logging
import Metrics
import Postgres
import Prometheus
import ServiceLifecycle

/// Wires `/metrics`, `/livez` and `/readyz` to a running worker.
public enum Observability {
    /// The HTTP server and the metrics sampler for `worker`, as services for the worker's
    /// `ServiceGroup` (so graceful shutdown stops them too).
    ///
    /// - Parameters:
    ///   - registry: where the metrics go; tests pass their own, nothing bootstraps the global
    ///     `MetricsSystem` here.
    ///   - port: overrides `metrics.port` (0 picks a free port; `onRunning` reports it).
    /// - Throws: ``WorkerAssembly/StartError`` (69) when the sampler's PostgreSQL connection fails.
    public static func services(
        for worker: WorkerService, configuration: CaretakerConfiguration,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), port: Int? = nil,
        sampleInterval: Duration = .seconds(10), logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> [any Service] {
        let database: PostgresConnection
        do {
            let postgres = try configuration.postgres.postgresConfiguration(
                applicationName: "caretaker-\(configuration.instance.name)-metrics")
            database = try await PostgresConnection.connect(postgres, threadName: "pg-metrics")
        } catch {
            throw WorkerAssembly.StartError(description: "cannot reach PostgreSQL: \(error)", exitStatus: 69)
        }
        let intake = worker.intake.statistics
        let commands = worker.commands.statistics
        let timers = worker.timers
        let metrics = WorkerMetrics(registry: registry, sources: WorkerStatisticsSources(
            intake: intake, commands: commands, outbox: worker.relay.statistics, timers: { timers.totals }))
        let readiness = Readiness(
            intakeConsuming: { intake.isConsuming }, commandsConsuming: { commands.isConsuming },
            maximumDatabaseAge: max(.seconds(30), sampleInterval * 3),
            brokerNodes: { [outbox = worker.relay.statistics] in
                var nodes: [String: String] = [:]
                nodes["intake"] = intake.brokerNode.current
                nodes["commands"] = commands.brokerNode.current
                nodes["relay"] = outbox.brokerNode.current
                return nodes
            })
        var httpLogger = logger
        httpLogger[metadataKey: "component"] = "http"
        let server = ObservabilityServer.make(
            host: configuration.metrics.host, port: port ?? configuration.metrics.port, metrics: metrics,
            readiness: readiness, logger: httpLogger, onRunning: onRunning)
        var samplerLogger = logger
        samplerLogger[metadataKey: "component"] = "metrics"
        let sampler = MetricsSampler(
            metrics: metrics, readiness: readiness, database: database, interval: sampleInterval, logger: samplerLogger)
        return [OptionalService(inner: server, logger: httpLogger), sampler]
    }
}

extension Observability {
    /// Points the process-wide swift-metrics `MetricsSystem` at `registry`, so libraries that
    /// report through swift-metrics show on `/metrics` too. Only `caretaker run` calls this,
    /// once; tests never do.
    public static func bootstrapMetricsSystem(_ registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
