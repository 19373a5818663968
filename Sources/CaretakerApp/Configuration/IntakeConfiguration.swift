import Configuration

/// How the intake consumer batches deliveries (the `intake` section).
public struct IntakeConfiguration: Sendable, Equatable {
    /// The most deliveries recorded in one PostgreSQL transaction.
    public var batchSize: Int
    /// How long a partial batch waits for more deliveries before it is recorded anyway.
    public var batchLinger: Duration
    /// How many times a message may be redelivered before it is dead-lettered (`x-delivery-limit`).
    public var deliveryLimit: Int
    /// The queue to consume.
    public var queue: String

    /// Creates a configuration with the documented defaults.
    public init(
        batchSize: Int = 128, batchLinger: Duration = .milliseconds(5), deliveryLimit: Int = 5,
        queue: String = "caretaker.intake"
    ) {
        self.batchSize = batchSize
        self.batchLinger = batchLinger
        self.deliveryLimit = deliveryLimit
        self.queue = queue
    }

    /// Reads and validates the section from a reader scoped to `intake`.
    ///
    /// ## Configuration keys
    /// - `batch_size` (int, 1–10000, default 128): deliveries per transaction.
    /// - `batch_linger_milliseconds` (int, 0–10000, default 5): wait for a batch to fill; 0 records
    ///   whatever has arrived at once.
    /// - `delivery_limit` (int, 1–1000, default 5): redeliveries before dead-lettering.
    /// - `queue` (string, 1–255 bytes, default `caretaker.intake`): the intake queue.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `intake`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        batchSize = try reader.int("batch_size", in: 1...10_000)
        batchLinger = try reader.milliseconds("batch_linger_milliseconds", in: 0...10_000)
        deliveryLimit = try reader.int("delivery_limit", in: 1...1000)
        queue = try reader.string("queue", maxBytes: 255)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("batch_size", .int(batchSize)),
            ConfigurationEntry("batch_linger_milliseconds", .int(batchLinger.wholeMilliseconds)),
            ConfigurationEntry("delivery_limit", .int(deliveryLimit)),
            ConfigurationEntry("queue", .string(queue)),
        ]
    }
}
