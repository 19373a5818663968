import AMQP

/// Keeps a consumer's connection alive while it waits for something else (a database outage):
/// rabbitmq-c only sends and checks heartbeats inside library calls, so the wait is spent in
/// `nextEvent`. Deliveries that arrive meanwhile are returned to be processed later, not lost.
func serviceHeartbeats(on connection: isolated AMQPConnection, for duration: Duration) throws -> [AMQPDelivery] {
    var arrived: [AMQPDelivery] = []
    let deadline = ContinuousClock.now + duration
    while ContinuousClock.now < deadline {
        let event = try connection.nextEvent(timeout: min(deadline - ContinuousClock.now, .milliseconds(500)))
        switch event {
        case .delivery(let delivery): arrived.append(delivery)
        case .consumerCancelled(let tag): throw AMQPError(.channelClosed, context: "consumer \(tag) cancelled by the broker")
        default: continue
        }
    }
    return arrived
}
