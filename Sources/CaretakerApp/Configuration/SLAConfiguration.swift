import Configuration

/// Where the SLA policy and calendars come from, and how fast timers may fire (the `sla` section).
public struct SLAConfiguration: Sendable, Equatable {
    /// The SLA policy file (docs/sla.md).
    public var policyFile: String
    /// The folder of working-day calendars, one `*.json` file per year.
    public var calendarsDirectory: String
    /// Timers claimed per scheduler transaction.
    public var batchSize: Int
    /// The most timers one instance fires per second (caps the catch-up after downtime).
    public var maximumFiresPerSecond: Int
    /// How often the scheduler looks when no notification woke it.
    public var pollInterval: Duration

    /// Creates a configuration with the documented defaults.
    public init(policyFile: String = "sla-policy.json", calendarsDirectory: String = "calendars",
                batchSize: Int = 50, maximumFiresPerSecond: Int = 500, pollInterval: Duration = .milliseconds(250)) {
        self.policyFile = policyFile
        self.calendarsDirectory = calendarsDirectory
        self.batchSize = batchSize
        self.maximumFiresPerSecond = maximumFiresPerSecond
        self.pollInterval = pollInterval
    }

    /// Reads and validates the section from a reader scoped to `sla`.
    ///
    /// ## Configuration keys
    /// - `policy_file` (string, default `sla-policy.json` in the configuration folder): the SLA policy; its content is
    ///   checked when it loads.
    /// - `calendars_directory` (string, default `calendars` in the configuration folder): one calendar file per year.
    /// - `batch_size` (int, 1–1000, default 50): timers per scheduler transaction.
    /// - `max_fires_per_second` (int, 1–100000, default 500): the catch-up cap per instance.
    /// - `poll_interval_milliseconds` (int, 10–60000, default 250): polling fallback interval.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `sla`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        policyFile = try reader.string("policy_file")
        calendarsDirectory = try reader.string("calendars_directory")
        batchSize = try reader.int("batch_size", in: 1...1_000)
        maximumFiresPerSecond = try reader.int("max_fires_per_second", in: 1...100_000)
        pollInterval = try reader.milliseconds("poll_interval_milliseconds", in: 10...60_000)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("policy_file", .string(policyFile)),
            ConfigurationEntry("calendars_directory", .string(calendarsDirectory)),
            ConfigurationEntry("batch_size", .int(batchSize)),
            ConfigurationEntry("max_fires_per_second", .int(maximumFiresPerSecond)),
            ConfigurationEntry("poll_interval_milliseconds", .int(pollInterval.wholeMilliseconds)),
        ]
    }
}
