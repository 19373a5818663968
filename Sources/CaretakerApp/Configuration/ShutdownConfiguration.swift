import Configuration

/// How long a graceful shutdown may take (the `shutdown` section).
public struct ShutdownConfiguration: Sendable, Equatable {
    /// The time from SIGTERM to exit: stop consuming, finish in-flight work, flush the outbox.
    public var grace: Duration

    /// Creates a configuration with the documented default.
    public init(grace: Duration = .seconds(20)) {
        self.grace = grace
    }

    /// Reads and validates the section from a reader scoped to `shutdown`.
    ///
    /// ## Configuration keys
    /// - `grace_seconds` (int, 1–3600, default 20): keep it below systemd's `TimeoutStopSec`.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `shutdown`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        grace = try SettingReader(config: config).seconds("grace_seconds", in: 1...3600)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("grace_seconds", .int(grace.wholeSeconds))]
    }
}
