import AMQP
import Backoff
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import Foundation
import Logging
import Postgres

/// Builds the worker's parts from the configuration: database connections (one per component,
/// each on its own thread), the classifier, the consumers and the relay.
public enum WorkerAssembly {
    /// Why the worker cannot start.
    public struct StartError: Error, CustomStringConvertible {
        /// What failed, safe to print.
        public let description: String
        /// The exit status that says so (sysexits.h).
        public let exitStatus: Int32
    }

    /// What the worker decides with, loaded from the configuration's files: the classifier, the
    /// SLA timekeeper and the authorization policy (`nil` when `authorization.mode` is `off`).
    public struct Domain: Sendable {
        /// Classifies intake messages (rules and model).
        public var classifier: TriageClassifier
        /// Plans and fires the SLA timers.
        public var timekeeper: SLATimekeeper
        /// Who may send what; `nil` takes commands and intake from any broker user.
        public var authorization: AuthorizationPolicy?

        /// Creates a domain from its parts (tests substitute a policy of their own).
        public init(classifier: TriageClassifier, timekeeper: SLATimekeeper, authorization: AuthorizationPolicy?) {
            self.classifier = classifier
            self.timekeeper = timekeeper
            self.authorization = authorization
        }
    }

    /// Loads the rules, model, SLA policy, calendars and grants the configuration names.
    ///
    /// - Throws: ``StartError`` with status 78 when a file is missing or invalid.
    public static func loadDomain(_ configuration: CaretakerConfiguration) throws -> Domain {
        let classifier: TriageClassifier
        do {
            classifier = try configuration.triage.loadClassifier()
        } catch {
            throw StartError(description: "triage rules: \(error)", exitStatus: 78)
        }
        let timekeeper: SLATimekeeper
        do {
            timekeeper = try SLAFiles(configuration: configuration.sla).loadTimekeeper()
        } catch {
            throw StartError(description: "SLA policy or calendars: \(error)", exitStatus: 78)
        }
        let authorization: AuthorizationPolicy
        do {
            authorization = try AuthorizationFile(path: configuration.authorization.file).load()
        } catch {
            throw StartError(description: "\(error)", exitStatus: 78)
        }
        // Parsing the model file (several MB of JSON) leaves tens of MB of freed heap that glibc
        // keeps; hand it back so the worker's resident size is what it uses.
        _ = releaseFreedHeap(0)
        return Domain(classifier: classifier, timekeeper: timekeeper,
                      authorization: configuration.authorization.mode == .enforce ? authorization : nil)
    }

    /// Loads the domain (``loadDomain(_:)``), connects, checks the schema is current and returns
    /// the service.
    ///
    /// - Throws: ``StartError`` with status 78 for unusable rules, 69 when PostgreSQL cannot be
    ///   reached, 65 when the schema is behind or conflicts with this build.
    ///
    /// - Parameter clockOrigin: the instant where a sped-up clock (`clock.time_scale`) meets the
    ///   wall clock (default: now); a demo publisher given the same origin and scale stamps its
    ///   reports in the worker's time.
    public static func make(_ configuration: CaretakerConfiguration, logger: Logger,
                            clockOrigin: Date = Date()) async throws -> WorkerService {
        try await make(configuration, domain: try loadDomain(configuration), logger: logger, clockOrigin: clockOrigin)
    }

    /// Connects, checks the schema is current and returns the service deciding with `domain`: the
    /// one wiring `caretaker run`, the benchmark and the test harnesses share.
    ///
    /// - Throws: ``StartError`` with status 69 when PostgreSQL cannot be reached, 65 when the
    ///   schema is behind or conflicts with this build.
    public static func make(_ configuration: CaretakerConfiguration, domain: Domain, logger: Logger,
                            clockOrigin: Date = Date()) async throws -> WorkerService {
        let classifier = domain.classifier
        let timekeeper = domain.timekeeper
        let enforced = domain.authorization
        if enforced == nil {
            logger.warning("authorization off: commands and intake are taken from any broker user",
                           metadata: ["authorization_mode": "off"])
        }
        let instance = configuration.instance.name
        var connections: [PostgresConnection] = []
        do {
            for component in ["intake", "commands", "relay", "timers", "timers-listen"] {
                let postgres = try configuration.postgres.postgresConfiguration(
                    applicationName: "caretaker-\(instance)-\(component)")
                connections.append(try await PostgresConnection.connect(postgres, threadName: "pg-\(component)"))
            }
        } catch {
            throw StartError(description: "cannot reach PostgreSQL: \(error)", exitStatus: 69)
        }
        do {
            try await MigrationRunner().status(on: connections[0]).requireCurrent()
        } catch let error as MigrationError {
            throw StartError(description: "\(error)", exitStatus: 65)
        }

        let clock = WorkerClock(timeScale: configuration.clock.timeScale, origin: clockOrigin)
        let now: @Sendable () -> RFC3339Timestamp = { clock.now() }
        let reconnect = ExponentialBackoff(initialDelay: .milliseconds(200), maximumDelay: .seconds(5))
        let topology = configuration.topology
        let consumerSettings = IntakeConsumerSettings(
            amqp: try configuration.amqp.amqpConfiguration(connectionName: "caretaker-\(instance)-intake"),
            prefetch: UInt16(clamping: configuration.amqp.prefetch), batchSize: configuration.intake.batchSize,
            batchLinger: configuration.intake.batchLinger, reconnect: reconnect, topology: topology)
        var commandSettings = consumerSettings
        commandSettings.amqp = try configuration.amqp.amqpConfiguration(connectionName: "caretaker-\(instance)-commands")
        let signal = OutboxSignal()
        let triage = IntakeTriage(classifier: classifier, authorization: enforced)
        let notices = ResidentNoticeObserver(planner: timekeeper.planner, makeID: { UUID().uuidString.lowercased() })
        let contactNotes = DeveloperContactNoteObserver(makeID: { UUID().uuidString.lowercased() })
        let intake = IntakeConsumer(
            settings: consumerSettings, triage: triage,
            recorder: IntakeRecorder(observers: [timekeeper, notices, contactNotes]), database: connections[0],
            now: now, signal: signal, logger: logger.with(component: "intake"))
        let commands = CommandConsumer(
            settings: commandSettings, processor: CommandProcessor(
                observers: [timekeeper, notices], accusedStaff: triage.accusedStaff, authorization: enforced),
            database: connections[1], now: now,
            signal: signal, logger: logger.with(component: "commands"))
        let relay = OutboxRelay(
            settings: OutboxRelay.Settings(
                amqp: try configuration.amqp.amqpConfiguration(connectionName: "caretaker-\(instance)-relay"),
                batchSize: configuration.outbox.batchSize, pollInterval: configuration.outbox.pollInterval,
                reconnect: reconnect),
            database: connections[2], signal: signal, logger: logger.with(component: "relay"))
        let scheduler = TimerScheduler(
            settings: TimerScheduler.Settings(
                batchSize: configuration.sla.batchSize,
                maximumFiresPerSecond: Double(configuration.sla.maximumFiresPerSecond),
                pollInterval: configuration.sla.pollInterval),
            store: TimerFiringStore(timekeeper: timekeeper), database: connections[3], listener: connections[4],
            now: now, signal: signal, logger: logger.with(component: "timers"))
        logger.info("worker assembled", metadata: [
            "instance": "\(instance)", "rules_version": "\(classifier.rules.version)",
            "sla_policy_version": "\(timekeeper.planner.policy.version)",
            "calendar_years": "\(timekeeper.planner.calendars.years)",
            "time_scale": "\(configuration.clock.timeScale)",
        ])
        return WorkerService(
            intake: intake, commands: commands, relay: relay, timers: scheduler,
            systemd: SystemdNotifier.fromProcessEnvironment(), logger: logger)
    }
}

extension Logger {
    /// A copy that tags every line with `component`.
    func with(component: String) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = "\(component)"
        return copy
    }
}

/// glibc's `malloc_trim` (malloc.h, which the Glibc module does not export): returns freed heap
/// pages to the kernel.
@_silgen_name("malloc_trim")
private func releaseFreedHeap(_ pad: Int) -> Int32
