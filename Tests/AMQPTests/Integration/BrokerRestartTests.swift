import AMQP
import Backoff
import CaretakerTestSupport
import Synchronization
import Testing

extension AMQPIntegrationTests {
    @Suite struct BrokerRestartTests {
        @Test(.requiring(.rabbitmq)) func aConsumerReportsTheOutageAndReconnectsWithBackoffAfterTheRestart() async throws {
            let queue = TestBroker.uniqueName("restart")
            let configuration = try TestBroker.configuration(heartbeat: .seconds(3))
            let setUp: @Sendable (AMQPConnection) async throws -> Void = { connection in
                try await connection.declareQuorumQueue(queue)
                try await connection.setPrefetch(count: 10)
                try await connection.consume(queue: queue)
            }
            let consumer = try await AMQPConnection.connect(configuration, retrying: ExponentialBackoff(), setUp: setUp)
            try await consumer.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "before"))
            let before = try await TestBroker.deliveries(1, from: consumer)
            #expect(before.map(\.properties.messageID) == ["before"])
            try await consumer.ack(before[0].deliveryTag)

            // Keep consuming while the broker stops; the loop must end with an error, not hang.
            let outage = Task { () -> (AMQPError?, ContinuousClock.Instant) in
                while true {
                    do {
                        _ = try await consumer.nextEvent(timeout: .seconds(1))
                    } catch {
                        return (error as? AMQPError, ContinuousClock.now)
                    }
                }
            }
            var brokerStopped = false
            do {
                try await TestBroker.services("stop", "rabbitmq")
                brokerStopped = true
                let stoppedAt = ContinuousClock.now
                let (error, failedAt) = await outage.value
                let failure = try #require(error)
                #expect(failedAt <= stoppedAt + .seconds(3 * 2 + 2), "reported \(failedAt - stoppedAt) after the stop")
                #expect(failure.requiresReconnect, "\(failure)")
                #expect([.connectionClosed, .connectionLost, .watchdogTimeout].contains(failure.kind), "\(failure)")

                // Reconnect in the background while the broker is down; it must keep failing cleanly.
                let failures = Mutex<[AMQPError.Kind]>([])
                let policy = ExponentialBackoff(initialDelay: .milliseconds(200), maximumDelay: .seconds(2))
                let reconnect = Task {
                    try await AMQPConnection.connect(configuration, retrying: policy, maxAttempts: 200,
                                                     onFailure: { error, _, _ in
                                                         failures.withLock { $0.append((error as? AMQPError)?.kind ?? .protocolError) }
                                                     }, setUp: setUp)
                }
                try await Task.sleep(for: .seconds(1))
                try await TestBroker.services("start", "rabbitmq")
                brokerStopped = false
                let fresh = try await reconnect.value
                #expect(failures.withLock { $0.contains(.connectionFailed) })

                try await fresh.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "after"))
                let after = try await TestBroker.deliveries(1, from: fresh)
                #expect(after.map(\.properties.messageID) == ["after"])
                try await fresh.ack(after[0].deliveryTag)
                try await fresh.deleteQueue(queue)
                await fresh.close()
            } catch {
                outage.cancel()
                if brokerStopped { try? await TestBroker.services("start", "rabbitmq") }
                throw error
            }
        }
    }
}
