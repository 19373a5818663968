import AMQP

/// Keeps a consumer's connection alive while it waits for something else (a database outage):
/// rabbitmq-c only sends and checks heartbeats inside library calls, so the wait is spent in
/// `nextEvent`. Deliveries that arrive meanwhile are returned to be processed later, not lost.
/// A cancelled consumer throws (see ``AMQPEvent/delivery(component:)``).
func serviceHeartbeats(on connection: isolated AMQPConnection, for duration: Duration,
                       component: String) throws -> [AMQPDelivery] {
    var arrived: [AMQPDelivery] = []
    let deadline = ContinuousClock.now + duration
    while ContinuousClock.now < deadline {
        let event = try connection.nextEvent(timeout: min(deadline - ContinuousClock.now, .milliseconds(500)))
        if let delivery = try event.delivery(component: component) { arrived.append(delivery) }
    }
    return arrived
}
