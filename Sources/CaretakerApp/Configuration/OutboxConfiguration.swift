import Configuration

/// How the outbox relay publishes (the `outbox` section).
public struct OutboxConfiguration: Sendable, Equatable {
    /// The most outbox rows claimed and published per round.
    public var batchSize: Int
    /// How often the relay looks for unsent rows when no notification woke it.
    public var pollInterval: Duration
    /// The most published messages awaiting a publisher confirm.
    public var confirmWindow: Int
    /// How many events a console's queue holds before the broker refuses more for it.
    public var consoleQueueMaxLength: Int

    /// Creates a configuration with the documented defaults.
    public init(batchSize: Int = 256, pollInterval: Duration = .milliseconds(50), confirmWindow: Int = 1024,
                consoleQueueMaxLength: Int = 100_000) {
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.confirmWindow = confirmWindow
        self.consoleQueueMaxLength = consoleQueueMaxLength
    }

    /// Reads and validates the section from a reader scoped to `outbox`.
    ///
    /// ## Configuration keys
    /// - `batch_size` (int, 1–10000, default 256): rows per round.
    /// - `poll_interval_milliseconds` (int, 1–60000, default 50): polling fallback interval.
    /// - `confirm_window` (int, 1–1000000, default 1024): unconfirmed publishes allowed.
    /// - `console_queue_max_length` (int, 10–100000000, default 100000): events a console's queue
    ///   holds; beyond it the broker refuses them (`reject-publish`) and the outbox keeps them.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `outbox`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        batchSize = try reader.int("batch_size", in: 1...10_000)
        pollInterval = try reader.milliseconds("poll_interval_milliseconds", in: 1...60_000)
        confirmWindow = try reader.int("confirm_window", in: 1...1_000_000)
        consoleQueueMaxLength = try reader.int("console_queue_max_length", in: 10...100_000_000)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("batch_size", .int(batchSize)),
            ConfigurationEntry("poll_interval_milliseconds", .int(pollInterval.wholeMilliseconds)),
            ConfigurationEntry("confirm_window", .int(confirmWindow)),
            ConfigurationEntry("console_queue_max_length", .int(consoleQueueMaxLength)),
        ]
    }
}
