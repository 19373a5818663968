import AMQP
import CaretakerTestSupport
import Foundation
import Testing

/// Every test against the real broker; serialized (recursively) because one of them restarts it.
@Suite(.serialized) struct AMQPIntegrationTests {
    @Test(.requiring(.rabbitmq)) func passiveDeclareReportsCountsAndA404KeepsTheConnectionUsable() async throws {
        let connection = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("passive")
        try await connection.declareQuorumQueue(queue)
        for index in 0..<3 {
            try await connection.publish(Array("{\"n\":\(index)}".utf8), routingKey: queue,
                                         properties: .persistentJSON(messageID: "p-\(index)"))
        }
        var info = try await connection.inspectQueue(queue)
        for _ in 0..<20 where info.messageCount < 3 {
            try await Task.sleep(for: .milliseconds(100))
            info = try await connection.inspectQueue(queue)
        }
        #expect(info == AMQPQueueInfo(name: queue, messageCount: 3, consumerCount: 0))

        let missing = TestBroker.uniqueName("missing")
        await #expect {
            try await connection.inspectQueue(missing)
        } throws: { error in
            let error = error as? AMQPError
            return error?.kind == .channelClosed && error?.code == 404 && error?.requiresReconnect == false
        }
        #expect(await connection.isOpen)
        #expect(try await connection.purgeQueue(queue) == 3)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test(.requiring(.rabbitmq)) func propertiesAndHeadersTravelThroughTheBroker() async throws {
        let connection = try await TestBroker.connect()
        let queue = TestBroker.uniqueName("properties")
        try await connection.declareQueue(queue, durable: false, autoDelete: false)
        let headers: AMQPTable = ["x-reason": "bad json", "attempt": .int32(2), "flags": .array([true, 1.0 == 1.0 ? "y" : "n"]),
                                  "nested": .table(["at": .timestamp(1_700_000_000)])]
        let properties = AMQPMessageProperties.persistentJSON(
            messageID: "m-props", correlationID: "c-props", headers: headers,
            timestamp: Date(timeIntervalSince1970: 1_700_000_123))
        try await connection.publish(Array("{}".utf8), routingKey: queue, properties: properties)
        try await connection.consume(queue: queue)
        let received = try await TestBroker.deliveries(1, from: connection)
        try #require(received.count == 1)
        #expect(received[0].properties == properties)
        #expect(received[0].body == Array("{}".utf8))
        #expect(received[0].routingKey == queue)
        try await connection.ack(received[0].deliveryTag)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test(.requiring(.rabbitmq)) func wrongPasswordIsALoginFailure() async throws {
        var configuration = try TestBroker.configuration()
        configuration.url.password = "definitely-wrong"
        await #expect {
            _ = try await AMQPConnection.connect(configuration)
        } throws: { error in
            let error = error as? AMQPError
            return error?.kind == .loginFailed && error.map { !$0.description.contains("definitely-wrong") } == true
        }
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        let configuration = AMQPConfiguration(url: AMQPURL(host: "127.0.0.1", port: 1), connectTimeout: .seconds(1))
        await #expect {
            _ = try await AMQPConnection.connect(configuration)
        } throws: { error in
            (error as? AMQPError)?.kind == .connectionFailed
        }
    }
}
