import CaretakerCore

/// A stored rejected message, as ops see it: what was wrong, never what the resident said.
public struct DeadLetter: Sendable, Equatable {
    /// The row id in `rejected_messages`.
    public var id: Int64
    /// `intake` or `command`.
    public var source: String
    /// The message id, if one could be read.
    public var messageID: String?
    /// The routing key it arrived with.
    public var routingKey: String?
    /// The field at fault (empty for whole-message problems).
    public var field: String
    /// The reason code.
    public var reason: String
    /// A sentence for ops.
    public var detail: String
    /// When it was rejected.
    public var rejectedAt: RFC3339Timestamp
    /// When it was last replayed, if ever.
    public var replayedAt: RFC3339Timestamp?
    /// The body's size in bytes.
    public var size: Int
}
