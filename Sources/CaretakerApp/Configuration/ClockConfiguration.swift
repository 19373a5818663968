import Configuration

/// How fast SLA time runs (the `clock` section).
public struct ClockConfiguration: Sendable, Equatable {
    /// SLA seconds per real second: 1 in production; the demo uses e.g. 3600 (an hour a second).
    public var timeScale: Double

    /// Creates a configuration with the documented default.
    public init(timeScale: Double = 1.0) {
        self.timeScale = timeScale
    }

    /// Reads and validates the section from a reader scoped to `clock`.
    ///
    /// ## Configuration keys
    /// - `time_scale` (double, > 0, default 1.0): SLA time speed-up.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `clock`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        timeScale = try SettingReader(config: config).positiveDouble("time_scale")
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("time_scale", .double(timeScale))]
    }
}
