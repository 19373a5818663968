import AMQP
import CaretakerTestSupport
import Testing

extension AMQPIntegrationTests {
    /// A silent peer (a frozen proxy: TCP open, nothing forwarded) must not hang any call.
    @Suite struct HangMitigationTests {
        private func connectThroughFrozenProxy(heartbeat: Duration) async throws -> (AMQPConnection, FreezableProxy) {
            let proxy = try FreezableProxy(upstreamPort: TestServers.Server.rabbitmq.port)
            var configuration = try TestBroker.configuration(heartbeat: heartbeat)
            configuration.url.port = Int(proxy.port)
            let connection = try await AMQPConnection.connect(configuration)
            proxy.setFrozen(true)
            return (connection, proxy)
        }

        @Test(.requiring(.rabbitmq)) func aSilentPeerIsDetectedByHeartbeatWhileConsuming() async throws {
            let (connection, proxy) = try await connectThroughFrozenProxy(heartbeat: .seconds(2))
            defer { proxy.stop() }
            let start = ContinuousClock.now
            var failure: AMQPError?
            while failure == nil, ContinuousClock.now - start < .seconds(15) {
                do { _ = try await connection.nextEvent(timeout: .seconds(1)) } catch let error as AMQPError { failure = error }
            }
            let elapsed = ContinuousClock.now - start
            let error = try #require(failure)
            // rabbitmq-c gives up after two missed heartbeat intervals.
            #expect(elapsed < .seconds(7), "took \(elapsed)")
            #expect(error.kind == .connectionLost || error.kind == .watchdogTimeout, "\(error)")
            #expect(error.requiresReconnect)
            #expect(await connection.isOpen == false)
            await #expect(throws: AMQPError.self) { try await connection.ack(1) }
        }

        @Test(.requiring(.rabbitmq)) func aPublishBlockedOnASilentPeerIsCutByTheWatchdog() async throws {
            let (connection, proxy) = try await connectThroughFrozenProxy(heartbeat: .seconds(2))
            defer { proxy.stop() }
            let body = [UInt8](repeating: 0x61, count: 1 << 20)
            let start = ContinuousClock.now
            var failure: AMQPError?
            var published = 0
            while failure == nil, ContinuousClock.now - start < .seconds(20) {
                do {
                    try await connection.publish(body, routingKey: "amqp-test.nowhere")
                    published += 1
                } catch let error as AMQPError {
                    failure = error
                }
            }
            let elapsed = ContinuousClock.now - start
            let error = try #require(failure)
            // The socket buffers absorb a few megabytes; then one publish blocks until the watchdog
            // (deadline = heartbeat = 2 s) shuts the socket down.
            #expect(published > 0)
            #expect(elapsed < .seconds(6), "took \(elapsed)")
            #expect(error.kind == .watchdogTimeout, "\(error)")
            #expect(await connection.failure?.kind == .watchdogTimeout)
        }
    }
}
