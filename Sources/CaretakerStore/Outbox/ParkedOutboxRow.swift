/// An outbox row the relay could not publish as stored and set aside: unsent, with
/// `last_outcome = 'malformed'`, the reason in `last_error`, and `retry_at = 'infinity'`, so no
/// relay claims it again until someone repairs it (see docs/operations.md).
public struct ParkedOutboxRow: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The message's `message_id`.
    public var messageID: String
    /// Where it was to go.
    public var exchange: String
    /// Its routing key.
    public var routingKey: String
    /// Why it was parked.
    public var reason: OutboxHeadersError
}

/// What one relay pass did: the rows it claimed, and those of them it parked instead of
/// handing them to the publisher.
public struct OutboxRelayPass: Sendable, Equatable {
    /// Rows claimed, parked ones included (a full batch means more may be waiting).
    public var claimed: Int
    /// Rows set aside as malformed.
    public var parked: [ParkedOutboxRow]
}
