import AMQP
import CaretakerTestSupport
import Testing

extension AMQPIntegrationTests {
    @Suite struct ConfirmedPublishingTests {
        @Test(.requiring(.rabbitmq)) func tenThousandPersistentMessagesAreConfirmedAndConsumedExactlyOnce() async throws {
            let total = 10_000
            let window = 1_000
            let queue = TestBroker.uniqueName("ten-thousand")
            let publisher = try await TestBroker.connect()
            try await publisher.declareQuorumQueue(queue)
            try await publisher.enableConfirms()

            var acked = Set<UInt64>()
            var nacked = 0
            func absorb(_ events: [AMQPEvent]) {
                for case .confirmed(let confirmation) in events {
                    if confirmation.outcome == .ack { acked.formUnion(confirmation.deliveryTags) } else { nacked += 1 }
                }
            }
            let body = Array(#"{"kind":"complaint","text":"test"}"#.utf8)
            for index in 0..<total {
                if await publisher.unconfirmedCount >= window {
                    absorb(try await publisher.waitForConfirms(untilAtMost: window / 2, timeout: .seconds(30)))
                }
                let tag = try await publisher.publish(body, routingKey: queue, mandatory: true,
                                                      properties: .persistentJSON(messageID: "msg-\(index)"))
                #expect(tag == UInt64(index + 1))
            }
            absorb(try await publisher.waitForConfirms(timeout: .seconds(30)))
            #expect(acked.count == total)
            #expect(nacked == 0)
            #expect(await publisher.unconfirmedCount == 0)

            let consumer = try await TestBroker.connect()
            try await consumer.setPrefetch(count: 500)
            try await consumer.consume(queue: queue)
            var seen = Set<String>()
            var duplicates = 0
            var count = 0
            var lastTag: UInt64 = 0
            let deadline = ContinuousClock.now + .seconds(60)
            while count < total, ContinuousClock.now < deadline {
                guard case .delivery(let delivery) = try await consumer.nextEvent(timeout: .seconds(1)) else { continue }
                count += 1
                if !seen.insert(delivery.properties.messageID ?? "").inserted { duplicates += 1 }
                lastTag = delivery.deliveryTag
                if count % 10 == 0 {
                    try await consumer.ack(delivery.deliveryTag, multiple: true)
                } else if count % 10 == 3 {
                    try await consumer.ack(delivery.deliveryTag)
                }
            }
            try await consumer.ack(lastTag, multiple: true)
            #expect(count == total)
            #expect(duplicates == 0)
            #expect(seen == Set((0..<total).map { "msg-\($0)" }))
            await consumer.close()

            // Had any ack been lost, closing the consumer would have requeued those messages.
            let remaining = try await publisher.inspectQueue(queue)
            #expect(remaining.messageCount == 0)
            try await publisher.deleteQueue(queue)
            await publisher.close()
        }

        @Test(.requiring(.rabbitmq)) func mandatoryMessageWithoutARouteIsReturnedNotDropped() async throws {
            let connection = try await TestBroker.connect()
            let exchange = TestBroker.uniqueName("returns")
            let queue = TestBroker.uniqueName("routed")
            try await connection.declareExchange(exchange, type: .direct, durable: false)
            try await connection.declareQueue(queue, durable: false)
            try await connection.bindQueue(queue, exchange: exchange, routingKey: "bound")
            try await connection.enableConfirms()

            let routedTag = try await connection.publish(Array("{}".utf8), exchange: exchange, routingKey: "bound",
                                                         mandatory: true, properties: .persistentJSON(messageID: "routed-1"))
            let lostTag = try await connection.publish(Array("{}".utf8), exchange: exchange, routingKey: "nobody-listens",
                                                       mandatory: true, properties: .persistentJSON(messageID: "unroutable-1"))
            let events = try await connection.waitForConfirms(timeout: .seconds(10))

            let returned = events.compactMap { event -> AMQPReturnedMessage? in
                if case .returned(let message) = event { return message } else { return nil }
            }
            try #require(returned.count == 1)
            #expect(returned[0].replyCode == 312)
            #expect(returned[0].replyText == "NO_ROUTE")
            #expect(returned[0].exchange == exchange)
            #expect(returned[0].routingKey == "nobody-listens")
            #expect(returned[0].messageID == "unroutable-1")
            let ackedTags = events.flatMap { event -> [UInt64] in
                if case .confirmed(let confirmation) = event, confirmation.outcome == .ack { return confirmation.deliveryTags }
                return []
            }
            #expect(Set(ackedTags) == [routedTag, lostTag])
            #expect(try await connection.inspectQueue(queue).messageCount == 1)

            try await connection.deleteQueue(queue)
            try await connection.deleteExchange(exchange)
            await connection.close()
        }
    }
}
