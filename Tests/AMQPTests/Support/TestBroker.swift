import AMQP
import CaretakerTestSupport
import Foundation

/// Shared helpers for the integration tests against the local RabbitMQ.
enum TestBroker {
    /// A name no other test or run uses.
    static func uniqueName(_ purpose: String) -> String {
        "amqp-test.\(purpose).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The local broker's configuration with a short heartbeat.
    static func configuration(heartbeat: Duration = .seconds(4), url: String = TestServers.amqpURL) throws -> AMQPConfiguration {
        var configuration = try AMQPConfiguration(url: url, heartbeat: heartbeat)
        configuration.connectionName = "caretaker-amqp-tests"
        return configuration
    }

    /// Opens a connection to the local broker.
    static func connect(heartbeat: Duration = .seconds(4)) async throws -> AMQPConnection {
        try await AMQPConnection.connect(configuration(heartbeat: heartbeat))
    }

    /// Runs `scripts/services` on a thread of its own so the cooperative pool is not blocked.
    static func services(_ arguments: String...) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    switch arguments.count {
                    case 2: try TestServers.services(arguments[0], arguments[1])
                    default: try TestServers.services(arguments[0])
                    }
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// Reads events until `count` deliveries arrived or `timeout` passed, settling none.
    static func deliveries(_ count: Int, from connection: AMQPConnection, timeout: Duration = .seconds(20)) async throws -> [AMQPDelivery] {
        let deadline = ContinuousClock.now + timeout
        var result: [AMQPDelivery] = []
        while result.count < count, ContinuousClock.now < deadline {
            if case .delivery(let delivery) = try await connection.nextEvent(timeout: .milliseconds(500)) {
                result.append(delivery)
            }
        }
        return result
    }
}

extension TestBroker {
    /// Whether something accepts TCP connections on a loopback port.
    static func isListening(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
