import ArgumentParser
import CaretakerApp
import Foundation
import Logging
import Prometheus
import ServiceLifecycle

/// `caretaker run`: the worker daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the worker: consume intake and commands, record cases, publish events.",
        discussion: """
            Refuses to start when the database schema is behind (run `caretaker migrate`). Stops \
            gracefully on SIGTERM or SIGINT: finishes the batch in flight, flushes the outbox and \
            exits 0 within shutdown.grace_seconds.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Run SLA time this many times faster than wall time (overrides clock.time_scale; e.g. 3600 for demos).")
    var timeScale: Double?

    @Option(help: "With --time-scale: the Unix time (seconds) where SLA time meets wall time (default: now).")
    var clockOrigin: Int?

    func validate() throws {
        if let timeScale, !(timeScale > 0 && timeScale.isFinite) {
            throw ValidationError("--time-scale must be a positive number")
        }
    }

    func run() async throws {
        var configuration = try await options.load(command: "run")
        if let timeScale { configuration.clock.timeScale = timeScale }
        let level = configuration.log.level
        let format = configuration.log.format
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: JSONLogHandler(label: label, level: level)
            case .text: JSONLogHandler(label: label, level: level, style: .text)
            }
        }
        let logger = Logger(label: "caretaker")
        let file = options.config ?? CaretakerConfiguration.defaultConfigFile
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            for finding in UnknownConfigurationKeys.find(in: text) {
                logger.warning("configuration file has a key no setting reads; it is ignored", metadata: [
                    "file": "\(file)", "line": "\(finding.line)", "key": "\(finding.key)",
                    "did_you_mean": "\(finding.suggestion ?? "-")",
                ])
            }
        }
        let worker: WorkerService
        do {
            worker = try await WorkerAssembly.make(
                configuration, logger: logger,
                clockOrigin: clockOrigin.map { Date(timeIntervalSince1970: Double($0)) } ?? Date())
        } catch let error as WorkerAssembly.StartError {
            logger.critical("worker cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(error.exitStatus)
        }
        let registry = PrometheusCollectorRegistry()
        Observability.bootstrapMetricsSystem(registry)
        let observability: [any Service]
        do {
            observability = try await Observability.services(
                for: worker, configuration: configuration, registry: registry, logger: logger)
        } catch let error as WorkerAssembly.StartError {
            logger.critical("worker cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(error.exitStatus)
        }
        logger.info("serving /metrics, /livez and /readyz", metadata: [
            "address": "\(configuration.metrics.host):\(configuration.metrics.port)",
        ])
        // Shutdown runs in reverse order: the worker drains first while /readyz says 503.
        var group = ServiceGroupConfiguration(
            services: observability.map { .init(service: $0) } + [.init(service: worker)], logger: logger)
        group.gracefulShutdownSignals = [.sigterm, .sigint]
        group.maximumGracefulShutdownDuration = configuration.shutdown.grace
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
    }
}
