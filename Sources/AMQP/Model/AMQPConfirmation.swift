/// The broker's verdict on one or more published messages in confirm mode.
///
/// A single broker ack or nack may cover many publishes (`multiple`); the tracker has already
/// expanded it into the exact delivery tags it settles, in ascending order.
public struct AMQPConfirmation: Sendable, Equatable {
    /// Whether the broker took responsibility for the messages or refused them.
    public enum Outcome: Sendable, Equatable {
        /// The broker has the messages (on disk for persistent messages to durable queues).
        case ack
        /// The broker could not take them; publish them again.
        case nack
    }

    /// Ack or nack.
    public let outcome: Outcome
    /// The publish sequence numbers (as returned by ``AMQPConnection/publish(_:exchange:routingKey:mandatory:properties:)``) settled.
    public let deliveryTags: [UInt64]

    /// Creates a confirmation.
    public init(outcome: Outcome, deliveryTags: [UInt64]) {
        self.outcome = outcome
        self.deliveryTags = deliveryTags
    }
}
