@testable import AMQP
import CaretakerTestSupport
import Testing

/// ``AMQPConnection/connect(_:)`` with several nodes: a node that refuses is skipped for the
/// next, the connection says which node it reached, and the next connection starts after it.
@Suite struct NodeFailoverTests {
    /// A loopback port nothing listens on, so connecting is refused at once.
    static let refusingNode = "amqp://guest:guest@127.0.0.1:1/%2f"

    @Test(.requiring(.rabbitmq)) func aRefusingNodeIsSkippedAndTheNextConnectStartsAfterTheNodeUsed() async throws {
        var configuration = try AMQPConfiguration(url: Self.refusingNode)
        configuration.failoverURLs = [try AMQPURL(parsing: TestServers.amqpURL)]
        let first = try await AMQPConnection.connect(configuration)
        #expect(first.configuration.url.port == Int(TestServers.Server.rabbitmq.port))
        await first.close()

        // The node after the one used wraps around to the refusing one, then to the broker.
        configuration.failoverJitter = .zero
        let second = try await AMQPConnection.connect(configuration)
        #expect(second.configuration.url.port == Int(TestServers.Server.rabbitmq.port))
        await second.close()
    }

    @Test func whenNoNodeAnswersTheLastNodesErrorIsThrown() async throws {
        var configuration = try AMQPConfiguration(url: Self.refusingNode)
        configuration.failoverURLs = [try AMQPURL(parsing: "amqp://guest:guest@127.0.0.1:2/%2f")]
        await #expect {
            _ = try await AMQPConnection.connect(configuration)
        } throws: { error in
            (error as? AMQPError)?.kind == .connectionFailed && "\(error)".contains("127.0.0.1:2")
        }
    }

    @Test(arguments: [(nil, 3, [0, 1, 2]), (0, 3, [1, 2, 0]), (2, 3, [0, 1, 2]), (0, 1, [0])] as [(Int?, Int, [Int])])
    func theOrderStartsAfterTheNodeUsedLast(lastUsed: Int?, count: Int, order: [Int]) {
        let cursor = AMQPEndpointCursor()
        if let lastUsed { cursor.used(lastUsed) }
        #expect(cursor.order(count: count) == order)
    }
}
