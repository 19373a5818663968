/// What ``AMQPConnection/nextEvent(timeout:)`` saw on the connection.
///
/// A channel or connection close is not an event: the call throws an ``AMQPError`` with the
/// reply code, because the consumer or publisher state is gone.
public enum AMQPEvent: Sendable {
    /// A message for one of this connection's consumers; settle it by its delivery tag.
    case delivery(AMQPDelivery)
    /// A `mandatory` message came back unrouted.
    case returned(AMQPReturnedMessage)
    /// Published messages were acked or nacked by the broker.
    case confirmed(AMQPConfirmation)
    /// The broker cancelled a consumer (its queue was deleted, or the node hosting it failed).
    case consumerCancelled(consumerTag: String)
    /// The broker stopped reading this connection's publishes (memory or disk alarm).
    case blocked(reason: String)
    /// The broker reads publishes again.
    case unblocked
    /// Nothing arrived within the timeout; heartbeats were serviced meanwhile.
    case timeout
}
