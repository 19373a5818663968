import AMQP
import Backoff

/// How the intake consumer connects and batches (the command consumer uses the same settings).
public struct IntakeConsumerSettings: Sendable {
    /// The broker connection (a connection of its own; the relay publishes on another).
    public var amqp: AMQPConfiguration
    /// How many unacknowledged deliveries the broker may send ahead (bounds memory and batch size).
    public var prefetch: UInt16
    /// The most deliveries recorded in one transaction.
    public var batchSize: Int
    /// How long to wait for more deliveries once the first of a batch arrived.
    public var batchLinger: Duration
    /// Backoff between reconnect and retry attempts.
    public var reconnect: ExponentialBackoff
    /// What to declare before consuming.
    public var topology: Topology
    /// How long a consumer may see no delivery before it reconnects, because the broker does
    /// not always say that a queue deleted and declared again forgot the consumer (see
    /// ``QueueSubscription``); only ever while idle.
    public var quietReconnectInterval: Duration

    /// Creates settings; `batchSize` is capped at `prefetch` (a batch can never be larger).
    public init(amqp: AMQPConfiguration, prefetch: UInt16 = 256, batchSize: Int = 128,
                batchLinger: Duration = .milliseconds(5), reconnect: ExponentialBackoff = ExponentialBackoff(),
                topology: Topology = .caretaker(), quietReconnectInterval: Duration = .seconds(60)) {
        self.amqp = amqp
        self.prefetch = prefetch
        self.batchSize = max(1, min(batchSize, Int(prefetch)))
        self.batchLinger = batchLinger
        self.reconnect = reconnect
        self.topology = topology
        self.quietReconnectInterval = quietReconnectInterval
    }
}
