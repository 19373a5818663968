import AMQP
import CaretakerTestSupport
import Testing

extension AMQPIntegrationTests {
    @Suite struct DeadLetteringTests {
        @Test(.requiring(.rabbitmq)) func nackedRejectedAndOverDeliveredMessagesAreDeadLettered() async throws {
            let connection = try await TestBroker.connect()
            let deadExchange = TestBroker.uniqueName("dlx")
            let deadQueue = TestBroker.uniqueName("dlq")
            let queue = TestBroker.uniqueName("work")
            try await connection.declareExchange(deadExchange, type: .direct)
            try await connection.declareQuorumQueue(deadQueue)
            try await connection.bindQueue(deadQueue, exchange: deadExchange, routingKey: "dead")
            try await connection.declareQuorumQueue(queue, deadLetterExchange: deadExchange,
                                                    deadLetterRoutingKey: "dead", deliveryLimit: 2)
            for id in ["nacked", "rejected", "requeued-forever", "acked"] {
                try await connection.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: id))
            }

            let consumerTag = try await connection.consume(queue: queue)
            var requeues = 0
            var settled = Set<String>()
            let deadline = ContinuousClock.now + .seconds(30)
            while settled.count < 4, ContinuousClock.now < deadline {
                guard case .delivery(let delivery) = try await connection.nextEvent(timeout: .seconds(1)) else { continue }
                switch delivery.properties.messageID {
                case "nacked": try await connection.nack(delivery.deliveryTag, requeue: false); settled.insert("nacked")
                case "rejected": try await connection.reject(delivery.deliveryTag, requeue: false); settled.insert("rejected")
                case "acked": try await connection.ack(delivery.deliveryTag); settled.insert("acked")
                default:
                    requeues += 1
                    if requeues > 1 { #expect(delivery.redelivered) }
                    try await connection.nack(delivery.deliveryTag, requeue: true)
                    if requeues > 2 { settled.insert("requeued-forever") }
                }
            }
            // Limit 2: the first delivery and two redeliveries, then the broker dead-letters it.
            #expect(requeues == 3)
            try await connection.cancel(consumerTag: consumerTag)

            try await connection.consume(queue: deadQueue)
            let dead = try await TestBroker.deliveries(3, from: connection)
            #expect(Set(dead.compactMap(\.properties.messageID)) == ["nacked", "rejected", "requeued-forever"])
            for delivery in dead {
                guard case .array(let deaths)? = delivery.properties.headers?["x-death"],
                      case .table(let death)? = deaths.first else {
                    Issue.record("no x-death header on \(delivery.properties.messageID ?? "?")")
                    continue
                }
                #expect(death["queue"] == .string(queue))
                if delivery.properties.messageID != "requeued-forever" {
                    #expect(death["reason"] == "rejected")
                }
                try await connection.ack(delivery.deliveryTag)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await connection.inspectQueue(queue).messageCount == 0)

            try await connection.deleteQueue(queue)
            try await connection.deleteQueue(deadQueue)
            try await connection.deleteExchange(deadExchange)
            await connection.close()
        }
    }
}
