/// A `mandatory` message the broker could not route and sent back (basic.return).
///
/// With confirms on, the broker still acks a returned message afterwards: the ack only means the
/// broker handled it, so a publisher must treat a return for a message id as "not delivered".
public struct AMQPReturnedMessage: Sendable {
    /// The reason code, usually 312 `NO_ROUTE`.
    public let replyCode: UInt16
    /// The broker's reason text.
    public let replyText: String
    /// The exchange it was published to.
    public let exchange: String
    /// The routing key it was published with.
    public let routingKey: String
    /// Its properties; `messageID` says which message came back.
    public let properties: AMQPMessageProperties
    /// Its body.
    public let body: [UInt8]

    /// The returned message's id, if it had one.
    public var messageID: String? { properties.messageID }

    /// Creates a returned message; the connection builds these, tests may too.
    public init(
        replyCode: UInt16, replyText: String, exchange: String, routingKey: String,
        properties: AMQPMessageProperties, body: [UInt8]
    ) {
        self.replyCode = replyCode
        self.replyText = replyText
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.body = body
    }
}
