import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

@Suite(.serialized) struct TopologyTests {
    @Test func theCommittedDefinitionsMatchWhatTheWorkerDeclares() throws {
        let file = TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions.json")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == (try Topology.caretaker().definitionsJSON()),
                "regenerate with: caretaker topology export --output deploy/rabbitmq/definitions.json")
    }

    @Test func everyAudienceHasAQueueAndEveryQueueDeadLetters() {
        let topology = Topology.caretaker(deliveryLimit: 7)
        let names = Set(topology.queues.map(\.name))
        for audience in EventAudience.allCases {
            #expect(names.contains(Topology.eventQueue(for: audience)))
        }
        for queue in topology.queues where queue.name != Topology.deadLetterQueue {
            #expect(queue.deadLetterExchange == ExchangeName.deadLetters)
            #expect(queue.deliveryLimit == 7)
        }
    }

    @Test(.requiring(.rabbitmq)) func declaringTwiceWorksAndEventsReachTheirAudience() async throws {
        try await ScratchVirtualHost.with("topology") { vhost in
            let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
            try await declare(connection)
            try await declare(connection)
            try await connection.publish(Array("{}".utf8), exchange: ExchangeName.events,
                                         routingKey: "engineering.case.created", mandatory: true)
            try await connection.publish(Array("{}".utf8), exchange: ExchangeName.intake, routingKey: "repair", mandatory: true)
            try await eventually("messages routed", timeout: .seconds(5)) {
                let events = try await connection.inspectQueue(Topology.eventQueue(for: .engineering)).messageCount
                let intake = try await connection.inspectQueue(Topology.intakeQueue).messageCount
                return events == 1 && intake == 1
            }
            #expect(try await connection.inspectQueue(Topology.eventQueue(for: .security)).messageCount == 0)
            await connection.close()
        }
    }

    private func declare(_ connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
    }
}
