import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// The shipped permissions follow from the shipped parties, and grant each no more than its job.
@Suite struct BrokerPermissionsTests {
    static func shippedParties() throws -> [Party] {
        let file = TestServers.repositoryRoot.appendingPathComponent("config/authorization.json")
        return Array(try AuthorizationPolicy.parse(try Data(contentsOf: file)).parties.values)
    }

    @Test func theCommittedPermissionsMatchTheParties() throws {
        let file = TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/permissions.json")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == (try BrokerPermission.definitionsJSON(parties: try Self.shippedParties())),
                "regenerate with: caretaker topology export --permissions --output deploy/rabbitmq/permissions.json")
    }

    /// The names among `names` that RabbitMQ's permission regex `pattern` matches.
    static func matching(_ pattern: String, _ names: [String]) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        return Set(names.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil })
    }

    @Test func eachPartyReadsAndConfiguresOnlyTheQueuesItsJobNeeds() throws {
        let queues = Topology.caretaker().queues.map(\.name)
        let exchanges = Topology.caretaker().exchanges.map(\.name)
        for party in try Self.shippedParties() {
            let permission = BrokerPermission(for: party)
            let reads = try Self.matching(permission.read, queues)
            let configures = try Self.matching(permission.configure, queues)
            let writes = try Self.matching(permission.write, exchanges)
            switch party.role {
            case .worker:
                #expect(reads == Set(queues) && configures == Set(queues) && writes == Set(exchanges))
            case .console:
                #expect(reads == [Topology.eventQueue(for: party.audience!)], "\(party.user)")
                #expect(configures.isEmpty && writes == [ExchangeName.commands], "\(party.user)")
            case .observer:
                #expect(reads == [Topology.eventQueue(for: party.audience!)], "\(party.user)")
                #expect(configures.isEmpty && writes.isEmpty, "\(party.user)")
            case .hotline:
                #expect(reads == [Topology.eventQueue(for: .resident)])
                #expect(configures.isEmpty && writes == [ExchangeName.intake])
            case .ops:
                #expect(reads == [Topology.deadLetterQueue])
                #expect(configures.isEmpty && writes.isEmpty)
            }
        }
    }
}
