/// What the broker reported when a queue was declared or inspected.
public struct AMQPQueueInfo: Sendable, Equatable {
    /// The queue's name (the generated one for a server-named queue).
    public let name: String
    /// Messages ready for delivery (not counting unacknowledged ones).
    public let messageCount: UInt32
    /// Active consumers.
    public let consumerCount: UInt32

    /// Creates queue information.
    public init(name: String, messageCount: UInt32, consumerCount: UInt32) {
        self.name = name
        self.messageCount = messageCount
        self.consumerCount = consumerCount
    }
}
