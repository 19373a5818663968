import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// `TopologyCheck` against a real broker: what is missing or declared differently is named, and
/// nothing is created while checking.
@Suite(.serialized) struct TopologyCheckTests {
    @Test(.requiring(.rabbitmq)) func aDeletedQueueIsMissingAQueueWithOtherArgumentsIsDifferentAndNothingIsCreated() async throws {
        try await ScratchVirtualHost.with("topology-check") { vhost in
            let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
            let check = try TopologyCheck(definitions: Array(
                try String(contentsOf: TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions.json"),
                           encoding: .utf8).utf8))
            #expect(check.exchanges.count == 4)
            #expect(check.queues.count == Topology.caretaker().queues.count)
            #expect(check.bindingCount > 0)

            // An empty virtual host: everything is missing, and stays missing.
            let empty = try await check.run(on: connection)
            #expect(empty.allSatisfy { $0.status == .missing })
            #expect(try await check.run(on: connection).allSatisfy { $0.status == .missing })

            // The worker's topology with the security console's queue deleted and the dead-letter queue
            // redeclared as a classic queue.
            try await Self.declareDamaged(connection)
            let findings = try await check.run(on: connection)
            let problems = findings.filter { $0.status != .present }
            #expect(problems.map(\.name).sorted() == [Topology.deadLetterQueue, Topology.eventQueue(for: .security)])
            #expect(problems.first { $0.name == Topology.eventQueue(for: .security) }?.status == .missing)
            let different = problems.first { $0.name == Topology.deadLetterQueue }
            #expect(different?.status == .different)
            #expect(different?.detail.contains("x-queue-type") == true, "\(different?.detail ?? "-")")
            #expect(findings.filter { $0.kind == "exchange" }.allSatisfy { $0.status == .present })
            // The check did not recreate the deleted queue.
            #expect(try await check.run(on: connection).first { $0.name == Topology.eventQueue(for: .security) }?.status == .missing)

            await connection.close()
        }
    }

    private static func declareDamaged(_ connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
        _ = try connection.deleteQueue(Topology.eventQueue(for: .security))
        _ = try connection.deleteQueue(Topology.deadLetterQueue)
        try connection.declareQueue(Topology.deadLetterQueue, durable: true)
    }
}
