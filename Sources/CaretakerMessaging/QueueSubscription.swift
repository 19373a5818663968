import AMQP

/// A consumer's subscription to one queue, given up after a quiet spell so the connection is
/// made again.
///
/// RabbitMQ 3.10 does not always tell a consumer that its quorum queue is gone: when the queue
/// is deleted and declared again at once (an operator resetting it, a definitions import), a
/// channel that had consumed from it gets no `basic.cancel`, the new queue even counts the old
/// consumer, and yet nothing is delivered to it; cancelling and consuming again on the same
/// channel does not help. Nothing on the connection tells that apart from a quiet queue, so
/// after `quietLimit` without a delivery the consumer leaves its loop and ``ConsumerSession``
/// reconnects on a fresh channel: a few round trips while idle, never while busy, and what the
/// broker had sent to the forgotten consumer is requeued and delivered again.
struct QueueSubscription: Sendable {
    /// The queue consumed.
    let queue: String
    /// How long without a delivery before the connection is made again.
    let quietLimit: Duration
    private var lastActivity: ContinuousClock.Instant

    /// Starts consuming `queue` on `connection`.
    static func start(_ queue: String, quietLimit: Duration, on connection: AMQPConnection) async throws
        -> QueueSubscription {
        try await connection.consume(queue: queue)
        return QueueSubscription(queue: queue, quietLimit: quietLimit, lastActivity: .now)
    }

    /// Notes that deliveries were handled, so the subscription is evidently alive.
    mutating func handledDeliveries() {
        lastActivity = .now
    }

    /// Whether nothing arrived for `quietLimit`; the consumer then returns to be reconnected.
    var isQuietTooLong: Bool {
        ContinuousClock.now - lastActivity >= quietLimit
    }
}
