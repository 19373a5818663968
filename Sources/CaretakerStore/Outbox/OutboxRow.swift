import CaretakerCore

/// An unsent outbox row, claimed for publishing.
public struct OutboxRow: Sendable, Equatable {
    /// The row id; rows are published in id order.
    public var id: Int64
    /// The message's content and routing.
    public var message: OutboxMessage
    /// How many publish attempts failed before.
    public var attempts: Int
}

/// What happened to a claimed row after publishing.
public enum OutboxResult: Sendable, Equatable {
    /// The broker confirmed it: mark it sent.
    case confirmed
    /// The broker could not route it (no queue bound for its routing key) and returned it: left
    /// unsent, marked `returned`, and tried again after a backoff, with the reason.
    case returned(reason: String)
    /// The broker refused it (nack): left unsent, marked `refused`, and tried again after a
    /// backoff, with the reason.
    case refused(reason: String)
}
