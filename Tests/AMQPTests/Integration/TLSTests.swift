import AMQP
import CaretakerTestSupport
import Foundation
import Testing

extension AMQPIntegrationTests {
    /// The TLS listener `scripts/services` configures on 127.0.0.1:56722 with a local test CA
    /// (or on `CARETAKER_MQ_TLS_PORT`, with the CA under `CARETAKER_LOCAL_DIR`, for a private pair).
    @Suite struct TLSTests {
        static let tlsPort = ProcessInfo.processInfo.environment["CARETAKER_MQ_TLS_PORT"].flatMap { Int($0) } ?? 56722
        static let caFile = (ProcessInfo.processInfo.environment["CARETAKER_LOCAL_DIR"].map { URL(fileURLWithPath: $0) }
            ?? TestServers.repositoryRoot.appendingPathComponent(".local"))
            .appendingPathComponent("rabbitmq/tls/ca.pem").path

        /// Restarts a broker that was started before the TLS listener existed.
        private func ensureTLSListener() async throws {
            if !TestBroker.isListening(port: UInt16(Self.tlsPort)) {
                try await TestBroker.services("restart", "rabbitmq")
            }
            try #require(TestBroker.isListening(port: UInt16(Self.tlsPort)), "no TLS listener on \(Self.tlsPort)")
        }

        private func configuration(caFile: String) throws -> AMQPConfiguration {
            var configuration = try AMQPConfiguration(
                url: "amqps://guest:guest@localhost:\(Self.tlsPort)/%2f", heartbeat: .seconds(4),
                tls: AMQPTLSOptions(caCertificatePath: caFile))
            configuration.connectTimeout = .seconds(3)
            return configuration
        }

        @Test(.requiring(.rabbitmq)) func amqpsWithTheRightCAConnectsAndCarriesMessages() async throws {
            try await ensureTLSListener()
            let connection = try await AMQPConnection.connect(configuration(caFile: Self.caFile))
            let queue = TestBroker.uniqueName("tls")
            try await connection.declareQueue(queue, durable: false)
            try await connection.enableConfirms()
            try await connection.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "tls-1"))
            let events = try await connection.waitForConfirms(timeout: .seconds(5))
            #expect(events.contains { if case .confirmed(let c) = $0 { c.outcome == .ack } else { false } })
            #expect(try await connection.inspectQueue(queue).messageCount == 1)
            try await connection.deleteQueue(queue)
            await connection.close()
        }

        @Test(.requiring(.rabbitmq)) func amqpsWithAnUnrelatedCAFailsWithATLSError() async throws {
            try await ensureTLSListener()
            await #expect {
                _ = try await AMQPConnection.connect(configuration(caFile: "/etc/ssl/certs/ca-certificates.crt"))
            } throws: { error in
                (error as? AMQPError)?.kind == .tlsFailed
            }
        }

        @Test(.requiring(.rabbitmq)) func aMissingCAFileIsATLSError() async throws {
            await #expect {
                _ = try await AMQPConnection.connect(configuration(caFile: "/nonexistent/ca.pem"))
            } throws: { error in
                let error = error as? AMQPError
                return error?.kind == .tlsFailed && error?.context.contains("CA file") == true
            }
        }
    }
}
