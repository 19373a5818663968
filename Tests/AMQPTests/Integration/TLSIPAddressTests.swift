import AMQP
import CaretakerTestSupport
import Foundation
import Testing

extension AMQPIntegrationTests {
    /// `amqps` to an IP address: the broker's certificate must list it as an IP subjectAltName.
    ///
    /// The broker's TLS listener (127.0.0.1:56722, certificate with `DNS:localhost,IP:127.0.0.1`
    /// from the local test CA) must accept `amqps://…@127.0.0.1`, and `openssl s_server`
    /// stand-ins show that the address is really checked. None of these restarts the broker.
    @Suite struct TLSIPAddressTests {
        private func configuration(host: String, port: Int, caFile: String) throws -> AMQPConfiguration {
            var configuration = try AMQPConfiguration(
                url: "amqps://guest:guest@\(host):\(port)/%2f", heartbeat: .seconds(4),
                tls: AMQPTLSOptions(caCertificatePath: caFile))
            configuration.connectTimeout = .seconds(3)
            configuration.rpcTimeout = .seconds(2)
            configuration.watchdogDeadline = .seconds(2)
            return configuration
        }

        @Test(.requiring(.rabbitmq)) func amqpsTo127001WithTheTestCAConnectsAndCarriesMessages() async throws {
            let port = TLSTests.tlsPort
            try #require(TestBroker.isListening(port: UInt16(port)),
                         "no TLS listener on 127.0.0.1:\(port); scripts/services restart rabbitmq adds it")
            let connection = try await AMQPConnection.connect(configuration(host: "127.0.0.1", port: port, caFile: TLSTests.caFile))
            let queue = TestBroker.uniqueName("tls-ip")
            try await withCleanup {
                try await connection.declareQueue(queue, durable: false)
                try await connection.enableConfirms()
                try await connection.publish(Array("{}".utf8), routingKey: queue, properties: .persistentJSON(messageID: "tls-ip-1"))
                let events = try await connection.waitForConfirms(timeout: .seconds(5))
                #expect(events.contains { if case .confirmed(let c) = $0 { c.outcome == .ack } else { false } })
                #expect(try await connection.inspectQueue(queue).messageCount == 1)
            } cleanup: {
                try await connection.deleteQueue(queue)
                await connection.close()
            }
        }

        @Test func aCertificateWithoutTheIPAddressIsRefusedWithAClearTLSError() async throws {
            try await TLSStandIn.with(subjectAltName: "DNS:localhost,IP:127.0.0.2") { standIn in
                let configuration = try configuration(host: "127.0.0.1", port: standIn.port, caFile: standIn.caFile)
                await #expect {
                    _ = try await AMQPConnection.connect(configuration)
                } throws: { error in
                    guard let error = error as? AMQPError else { return false }
                    return error.kind == .tlsFailed && error.detail.contains("IP address mismatch")
                        && error.detail.contains("IP:127.0.0.1")
                }
                #expect(!standIn.stop().contains("AMQP"), "the client sent AMQP over a refused connection")
            }
        }

        @Test func aCertificateListingTheIPAddressGetsPastTLS() async throws {
            try await TLSStandIn.with(subjectAltName: "DNS:localhost,IP:127.0.0.1") { standIn in
                let configuration = try configuration(host: "127.0.0.1", port: standIn.port, caFile: standIn.caFile)
                // The stand-in speaks no AMQP, so the login times out; the TLS handshake must not fail.
                await #expect {
                    _ = try await AMQPConnection.connect(configuration)
                } throws: { error in
                    (error as? AMQPError).map { $0.kind != .tlsFailed && $0.kind != .connectionFailed } ?? false
                }
                #expect(standIn.stop().contains("AMQP"), "the stand-in did not receive the AMQP protocol header")
            }
        }

        @Test func aStandInCertificateFromAnotherCAIsRefusedWithTheReason() async throws {
            try await TLSStandIn.with(subjectAltName: "DNS:localhost,IP:127.0.0.1") { standIn in
                let configuration = try configuration(
                    host: "127.0.0.1", port: standIn.port, caFile: "/etc/ssl/certs/ca-certificates.crt")
                await #expect {
                    _ = try await AMQPConnection.connect(configuration)
                } throws: { error in
                    guard let error = error as? AMQPError else { return false }
                    return error.kind == .tlsFailed && error.detail.contains("local issuer certificate")
                }
            }
        }

        @Test func aHostNameIsStillMatchedAgainstTheDNSNames() async throws {
            try await TLSStandIn.with(subjectAltName: "DNS:localhost") { standIn in
                let configuration = try configuration(host: "localhost", port: standIn.port, caFile: standIn.caFile)
                await #expect {
                    _ = try await AMQPConnection.connect(configuration)
                } throws: { error in
                    (error as? AMQPError).map { $0.kind != .tlsFailed && $0.kind != .connectionFailed } ?? false
                }
                #expect(standIn.stop().contains("AMQP"), "the stand-in did not receive the AMQP protocol header")
            }
            try await TLSStandIn.with(subjectAltName: "IP:127.0.0.1") { standIn in
                let configuration = try configuration(host: "localhost", port: standIn.port, caFile: standIn.caFile)
                await #expect {
                    _ = try await AMQPConnection.connect(configuration)
                } throws: { error in
                    (error as? AMQPError)?.kind == .tlsFailed
                }
            }
        }
    }
}
