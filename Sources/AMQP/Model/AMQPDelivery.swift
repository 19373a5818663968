/// A message the broker delivered to one of this connection's consumers.
///
/// Settle it with ``AMQPConnection/ack(_:multiple:)``, ``AMQPConnection/nack(_:multiple:requeue:)``
/// or ``AMQPConnection/reject(_:requeue:)`` on the same connection, using `deliveryTag`.
public struct AMQPDelivery: Sendable {
    /// The channel-scoped tag used to acknowledge this delivery.
    public let deliveryTag: UInt64
    /// The consumer it was delivered to.
    public let consumerTag: String
    /// Whether the broker delivered it before (and it was requeued or the consumer went away).
    public let redelivered: Bool
    /// The exchange it was published to (empty for the default exchange).
    public let exchange: String
    /// The routing key it was published with.
    public let routingKey: String
    /// Its properties.
    public let properties: AMQPMessageProperties
    /// Its body.
    public let body: [UInt8]

    /// Creates a delivery; the connection builds these, tests may too.
    public init(
        deliveryTag: UInt64, consumerTag: String, redelivered: Bool, exchange: String,
        routingKey: String, properties: AMQPMessageProperties, body: [UInt8]
    ) {
        self.deliveryTag = deliveryTag
        self.consumerTag = consumerTag
        self.redelivered = redelivered
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.body = body
    }
}
