import AMQP
import CaretakerApp
import Foundation
import Testing

/// The keys that let a worker run against a RabbitMQ cluster and a PostgreSQL primary with
/// standbys: `amqp.urls` from the YAML list or the comma-separated environment variable, the
/// password filled into every node, `postgres.target_session_attrs`, and the quorum group size
/// in the exported topology.
@Suite struct ClusterConfigurationTests {
    static let nodes = ["amqp://svc@mq1:5672/prod", "amqp://svc@mq2:5672/prod", "amqp://svc@mq3:5672/prod"]

    @Test func urlsFromTheEnvironmentGetThePasswordAndBecomeTheNodesInOrder() async throws {
        let configuration = try await CaretakerConfiguration.load(configFile: nil, environment: [
            "CARETAKER_AMQP_URLS": Self.nodes.joined(separator: ","), "CARETAKER_AMQP_PASSWORD": "s3cret",
        ])
        #expect(configuration.amqp.nodeURLs == Self.nodes.map { $0.replacingOccurrences(of: "svc@", with: "svc:s3cret@") })
        let amqp = try configuration.amqp.amqpConfiguration(connectionName: "test")
        #expect(amqp.endpoints.map(\.host) == ["mq1", "mq2", "mq3"])
        #expect(amqp.endpoints.allSatisfy { $0.password == "s3cret" })
        let printed = configuration.redactedLines.joined(separator: "\n")
        #expect(printed.contains(#"amqp.urls: ["amqp://svc:<redacted>@mq1:5672/prod", "amqp://svc:<redacted>@mq2:5672/prod", "amqp://svc:<redacted>@mq3:5672/prod"]"#), "\(printed)")
        #expect(!printed.contains("s3cret"))
    }

    @Test func urlsFromAYAMLListReplaceURL() async throws {
        let file = try TemporaryConfigFile("""
            amqp:
              urls:
                - "\(Self.nodes[0])"
                - "\(Self.nodes[1])"
            """)
        defer { file.remove() }
        let configuration = try await CaretakerConfiguration.load(configFile: file.path, environment: [:])
        #expect(configuration.amqp.nodeURLs == Array(Self.nodes.prefix(2)))
        #expect(CaretakerConfiguration().amqp.nodeURLs == [CaretakerConfiguration().amqp.url])
    }

    @Test func aPasswordInAListedURLIsRefusedInTheFile() async throws {
        let file = try TemporaryConfigFile("""
            amqp:
              urls:
                - "amqp://svc:leaked@mq1:5672/prod"
            """)
        defer { file.remove() }
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: file.path, environment: [:])
        }
        #expect(error?.description.contains("amqp.urls") == true)
        #expect(error?.description.contains("leaked") == false)
    }

    @Test func targetSessionAttributesDefaultToReadWriteAndReachLibpq() async throws {
        let multiHost = "postgresql://caretaker@127.0.0.1:55442,127.0.0.1:55443/caretaker"
        let configuration = try await CaretakerConfiguration.load(configFile: nil, environment: ["CARETAKER_POSTGRES_URL": multiHost])
        #expect(configuration.postgres.targetSessionAttributes == .readWrite)
        let libpq = try configuration.postgres.postgresConfiguration(applicationName: "test")
        #expect(libpq.targetSessionAttributes == "read-write")
        #expect(libpq.parameters["host"] == "127.0.0.1,127.0.0.1")
        #expect(libpq.parameters["port"] == "55442,55443")
        let any = try await CaretakerConfiguration.load(configFile: nil, environment: ["CARETAKER_POSTGRES_TARGET_SESSION_ATTRS": "any"])
        #expect(any.postgres.targetSessionAttributes == .any)
    }

    @Test func theQuorumGroupSizeIsDeclaredAndExportedOnlyWhenSet() async throws {
        let plain = try CaretakerConfiguration().topology.definitionsJSON()
        #expect(!plain.contains("x-quorum-initial-group-size"))
        let cluster = try await CaretakerConfiguration.load(
            configFile: nil, environment: ["CARETAKER_AMQP_QUORUM_INITIAL_GROUP_SIZE": "3"])
        let exported = try cluster.topology.definitionsJSON()
        let queues = try #require(exported.components(separatedBy: "\"x-queue-type\"").count - 1 as Int?)
        #expect(exported.components(separatedBy: "\"x-quorum-initial-group-size\" : 3").count - 1 == queues)
        await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: nil, environment: ["CARETAKER_AMQP_QUORUM_INITIAL_GROUP_SIZE": "12"])
        }
    }

    @Test func readinessNamesTheNodeOfEachConnection() {
        let readiness = Readiness(intakeConsuming: { true }, commandsConsuming: { true },
                                  brokerNodes: { ["intake": "127.0.0.1:56731", "relay": "127.0.0.1:56732"] })
        readiness.databaseAnswered(node: "127.0.0.1:55443")
        #expect(readiness.verdict().json
            == #"{"ready":true,"connections":{"intake":"127.0.0.1:56731","postgres":"127.0.0.1:55443","relay":"127.0.0.1:56732"}}"# + "\n")
    }
}
