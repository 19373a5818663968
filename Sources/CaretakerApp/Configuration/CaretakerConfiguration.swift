import Configuration

/// Everything a Caretaker worker is configured with, one struct per component.
///
/// Load it with ``load(configFile:environment:accessReporter:)``, which reads, highest precedence first:
/// 1. environment variables `CARETAKER_<SECTION>_<KEY>` (``environmentVariable(forKey:)``),
/// 2. the YAML file (`config/caretaker.yaml`, or the file given with `--config`),
/// 3. the built-in defaults, which reach the servers `scripts/services up` starts.
///
/// The sections and their keys are documented on each component's `init(config:)` and in
/// `docs/configuration.md`.
public struct CaretakerConfiguration: Sendable, Equatable {
    /// `amqp`: the RabbitMQ connection.
    public var amqp: BrokerConfiguration
    /// `postgres`: the PostgreSQL connection.
    public var postgres: DatabaseConfiguration
    /// `intake`: intake consumer batching.
    public var intake: IntakeConfiguration
    /// `outbox`: outbox relay publishing.
    public var outbox: OutboxConfiguration
    /// `shutdown`: graceful shutdown.
    public var shutdown: ShutdownConfiguration
    /// `triage`: the rules file.
    public var triage: TriageConfiguration
    /// `sla`: the SLA policy, calendars and timer scheduler.
    public var sla: SLAConfiguration
    /// `clock`: SLA time speed.
    public var clock: ClockConfiguration
    /// `instance`: this worker's name.
    public var instance: InstanceConfiguration
    /// `log`: level and format.
    public var log: LogConfiguration
    /// `metrics`: the HTTP endpoint for metrics and health.
    public var metrics: MetricsConfiguration
    /// `authorization`: the parties and who may give which command.
    public var authorization: AuthorizationConfiguration

    /// Creates a configuration; every section defaults to its built-in defaults.
    public init(
        amqp: BrokerConfiguration = .init(), postgres: DatabaseConfiguration = .init(),
        intake: IntakeConfiguration = .init(), outbox: OutboxConfiguration = .init(),
        shutdown: ShutdownConfiguration = .init(), triage: TriageConfiguration = .init(),
        sla: SLAConfiguration = .init(), clock: ClockConfiguration = .init(), instance: InstanceConfiguration = .init(),
        log: LogConfiguration = .init(), metrics: MetricsConfiguration = .init(),
        authorization: AuthorizationConfiguration = .init()
    ) {
        self.amqp = amqp
        self.postgres = postgres
        self.intake = intake
        self.outbox = outbox
        self.shutdown = shutdown
        self.triage = triage
        self.sla = sla
        self.clock = clock
        self.instance = instance
        self.log = log
        self.metrics = metrics
        self.authorization = authorization
    }

    /// Reads and validates every section from `config`, each through a reader scoped to its name.
    ///
    /// ## Configuration keys
    /// `amqp.*` (``BrokerConfiguration/init(config:)``), `postgres.*`
    /// (``DatabaseConfiguration/init(config:)``), `intake.*`, `outbox.*`, `shutdown.*`, `triage.*`,
    /// `sla.*`, `clock.*`, `instance.*`, `log.*`, `metrics.*`, `authorization.*` (each component's `init(config:)`).
    /// `config` must end with ``defaultsProvider(instanceName:)`` (as the reader built by
    /// ``reader(configFile:environment:accessReporter:)`` does); a key no provider has is reported as missing.
    ///
    /// - Throws: ``ConfigurationError`` naming the full key (`intake.batch_size`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        amqp = try Self.section("amqp", config, BrokerConfiguration.init(config:))
        postgres = try Self.section("postgres", config, DatabaseConfiguration.init(config:))
        intake = try Self.section("intake", config, IntakeConfiguration.init(config:))
        outbox = try Self.section("outbox", config, OutboxConfiguration.init(config:))
        shutdown = try Self.section("shutdown", config, ShutdownConfiguration.init(config:))
        triage = try Self.section("triage", config, TriageConfiguration.init(config:))
        sla = try Self.section("sla", config, SLAConfiguration.init(config:))
        clock = try Self.section("clock", config, ClockConfiguration.init(config:))
        instance = try Self.section("instance", config, InstanceConfiguration.init(config:))
        log = try Self.section("log", config, LogConfiguration.init(config:))
        metrics = try Self.section("metrics", config, MetricsConfiguration.init(config:))
        authorization = try Self.section("authorization", config, AuthorizationConfiguration.init(config:))
    }

    private static func section<Section>(
        _ name: String, _ config: ConfigReader,
        _ read: (ConfigReader) throws(ConfigurationError) -> Section
    ) throws(ConfigurationError) -> Section {
        do {
            return try read(config.scoped(to: ConfigKey(name)))
        } catch {
            throw error.inScope(name)
        }
    }

    /// Every key with its value, in file order, full dotted keys; secrets are flagged.
    public var entries: [ConfigurationEntry] {
        let sections: [(String, [ConfigurationEntry])] = [
            ("amqp", amqp.entries), ("postgres", postgres.entries), ("intake", intake.entries),
            ("outbox", outbox.entries), ("shutdown", shutdown.entries), ("triage", triage.entries),
            ("sla", sla.entries), ("clock", clock.entries), ("instance", instance.entries), ("log", log.entries),
            ("metrics", metrics.entries), ("authorization", authorization.entries),
        ]
        return sections.flatMap { name, entries in entries.map { $0.inScope(name) } }
    }

    /// `key: value` lines of the effective configuration with every secret's password masked.
    public var redactedLines: [String] {
        entries.map { "\($0.key): \($0.redactedValue)" }
    }
}
