import AMQP
import CaretakerTestSupport
import Testing

/// What a consumer sees when its quorum queue is deleted under it: the two cases the Caretaker
/// consumers handle (a reported cancel, and a silent one when the queue is declared again at once).
@Suite(.serialized) struct ConsumerCancelTests {
    @Test(.requiring(.rabbitmq)) func deletingAConsumedQueueReportsTheConsumerCancelled() async throws {
        let consumer = try await TestBroker.connect()
        let admin = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("cancelled")
        try await consumer.declareQuorumQueue(queue)
        let tag = try await consumer.consume(queue: queue)
        _ = try await admin.deleteQueue(queue)
        var cancelled: String?
        for _ in 0..<20 where cancelled == nil {
            if case .consumerCancelled(let cancelledTag) = try await consumer.nextEvent(timeout: .milliseconds(250)) {
                cancelled = cancelledTag
            }
        }
        #expect(cancelled == tag)
        await admin.close()
        await consumer.close()
    }

    /// Pins the broker behaviour `QueueSubscription` works around in the Caretaker consumers; if
    /// it stops holding after a RabbitMQ upgrade, the reconnect of quiet consumers may go.
    @Test(.requiring(.rabbitmq)) func aQueueDeletedAndDeclaredAgainAtOnceDeliversOnlyToAFreshConnection() async throws {
        let stale = try await TestBroker.connect()
        let admin = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("redeclared")
        try await stale.declareQuorumQueue(queue)
        try await stale.consume(queue: queue)
        try await admin.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "r-1"))
        let first = try await TestBroker.deliveries(1, from: stale)
        try #require(first.count == 1)
        try await stale.ack(first[0].deliveryTag)

        _ = try await admin.deleteQueue(queue)
        try await admin.declareQuorumQueue(queue)
        try await admin.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "r-2"))
        let lost = try await TestBroker.deliveries(1, from: stale, timeout: .seconds(3))
        #expect(lost.isEmpty, "the old consumer heard nothing: no delivery, no cancel")
        await stale.close()

        let fresh = try await TestBroker.connect()
        try await fresh.consume(queue: queue)
        let second = try await TestBroker.deliveries(1, from: fresh, timeout: .seconds(10))
        #expect(second.map(\.properties.messageID) == ["r-2"])
        _ = try await admin.deleteQueue(queue)
        await admin.close()
        await fresh.close()
    }
}
