import AMQP
import CaretakerApp
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres

/// A scratch virtual host on the local RabbitMQ cluster and a scratch database on its
/// PostgreSQL primary (migrated), the environment of a worker that knows every node of both,
/// and the test's own views: counts read from whichever server accepts writes, queue depths
/// from whichever node answers, a hotline publisher on a chosen node.
final class ClusterScenario: Sendable {
    /// The virtual host's name (also the database's).
    let name: String
    let purpose: String

    static func make(_ purpose: String) async throws -> ClusterScenario {
        let name = "caretaker_cluster_\(purpose)_\(UInt32.random(in: 0...UInt32.max))"
        try await LocalCluster.run("rabbitmqctl", "1", "add_vhost", name)
        try await LocalCluster.run("rabbitmqctl", "1", "set_permissions", "-p", name, "guest", ".*", ".*", ".*")
        let admin = try await PostgresConnection.connect(LocalCluster.postgresURL(database: "caretaker"))
        try await admin.execute("CREATE DATABASE \(SQLIdentifier(name))")
        await admin.close()
        let scenario = ClusterScenario(name: name, purpose: purpose)
        let connection = try await scenario.connectDatabase()
        _ = try await MigrationRunner().migrate(on: connection)
        await connection.close()
        return scenario
    }

    private init(name: String, purpose: String) {
        self.name = name
        self.purpose = purpose
    }

    /// The nodes in the order worker `index` (0-based) tries them: each worker prefers another
    /// node, as workers on different machines would list their nearest first.
    func nodeURLs(startingAt index: Int) -> [String] {
        (0..<3).map { LocalCluster.amqpURL(node: (index + $0) % 3 + 1, vhost: name) }
    }

    /// The environment of worker `index`: every broker node, both database servers, a metrics
    /// port, quorum queues on all three nodes, short heartbeats and a sped-up SLA clock.
    func environment(index: Int, metricsPort: Int) -> [String: String] {
        let config = TestServers.repositoryRoot.appendingPathComponent("config")
        return [
            "CARETAKER_AMQP_URLS": nodeURLs(startingAt: index).joined(separator: ","),
            "CARETAKER_AMQP_QUORUM_INITIAL_GROUP_SIZE": "3",
            "CARETAKER_AMQP_HEARTBEAT_SECONDS": "2",
            "CARETAKER_POSTGRES_URL": LocalCluster.postgresURL(database: name),
            "CARETAKER_POSTGRES_CONNECT_TIMEOUT_SECONDS": "2",
            "CARETAKER_METRICS_PORT": "\(metricsPort)",
            "CARETAKER_TRIAGE_RULES_FILE": config.appendingPathComponent("triage-rules.json").path,
            "CARETAKER_TRIAGE_MODEL_FILE": config.appendingPathComponent("triage-model.json").path,
            "CARETAKER_SLA_POLICY_FILE": config.appendingPathComponent("sla-policy.json").path,
            "CARETAKER_SLA_CALENDARS_DIRECTORY": config.appendingPathComponent("calendars").path,
            "CARETAKER_AUTHORIZATION_FILE": config.appendingPathComponent("authorization.json").path,
            "CARETAKER_AUTHORIZATION_MODE": "off",
            "CARETAKER_CLOCK_TIME_SCALE": "60",
            "CARETAKER_LOG_FORMAT": "json",
            "CARETAKER_LOG_LEVEL": "info",
            "CARETAKER_INSTANCE_NAME": "\(purpose)-\(index)",
            "CARETAKER_INTAKE_BATCH_SIZE": "32",
            "CARETAKER_OUTBOX_BATCH_SIZE": "\(WorkerReliabilityTests.outboxBatch)",
        ]
    }

    /// A configuration that reaches whichever node answers, starting with `node`.
    func amqp(preferring node: Int = 1) throws -> AMQPConfiguration {
        let urls = try nodeURLs(startingAt: node - 1).map { try AMQPURL(parsing: $0) }
        var configuration = AMQPConfiguration(url: urls[0])
        configuration.failoverURLs = Array(urls.dropFirst())
        return configuration
    }

    /// Publishes `count` sample reports as the hotline does, through `node`; returns their ids.
    func publish(_ count: Int, prefix: String, through node: Int) async throws -> [String] {
        try await WorkerScenario.publishSamples(count, prefix: prefix, configuration: try amqp(preferring: node))
    }

    /// A session on whichever database server accepts writes.
    func connectDatabase() async throws -> PostgresConnection {
        try await PostgresConnection.connect(LocalCluster.postgresURL(database: name))
    }

    /// Cases recorded, or `nil` while no server accepts a session.
    func cases() async -> Int? {
        guard let connection = try? await connectDatabase() else { return nil }
        defer { Task { await connection.close() } }
        return try? await connection.query("SELECT count(*)::int8 FROM cases").single().decode(0, as: Int.self)
    }

    /// The figures the reliability tests check, plus escalations fired and repeated.
    func figures() async throws -> ClusterFigures {
        let connection = try await connectDatabase()
        defer { Task { await connection.close() } }
        return try await ClusterFigures.read(on: connection)
    }

    /// Outbox rows by routing key, for a failure message.
    func outboxByRoutingKey() async throws -> [String: Int] {
        let connection = try await connectDatabase()
        defer { Task { await connection.close() } }
        var counts: [String: Int] = [:]
        for row in try await connection.query("SELECT routing_key, count(*)::int8 FROM outbox GROUP BY routing_key") {
            counts[try row.decode(0, as: String.self)] = try row.decode(1, as: Int.self)
        }
        return counts
    }

    /// The correlation ids of all cases.
    func caseCorrelationIDs() async throws -> Set<String> {
        let connection = try await connectDatabase()
        defer { Task { await connection.close() } }
        return Set(try await connection.query("SELECT correlation_id FROM cases").map { try $0.decode(0, as: String.self) })
    }

    /// The ready messages in `queue`, from whichever node answers.
    func depth(of queue: String) async throws -> Int {
        let connection = try await AMQPConnection.connect(try amqp())
        defer { Task { await connection.close() } }
        return Int(try await connection.inspectQueue(queue).messageCount)
    }

    /// The number (1–3) of the node leading quorum queue `queue`.
    func leader(of queue: String) async throws -> Int {
        let output = try await LocalCluster.run("leader", name, queue)
        guard let node = Int(output) else { throw TimedOut(what: "a leader for \(queue) (got \"\(output)\")") }
        return node
    }

    /// Drops the database and deletes the virtual host (after the workers were stopped).
    func remove() async {
        if let admin = try? await PostgresConnection.connect(LocalCluster.postgresURL(database: "caretaker")) {
            _ = try? await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier(name)) WITH (FORCE)")
            await admin.close()
        }
        for node in 1...3 where TestServers.isAnswering(port: LocalCluster.amqpPorts[node - 1]) {
            if (try? await LocalCluster.run("rabbitmqctl", "\(node)", "delete_vhost", name)) != nil { break }
        }
    }

    /// Reads (and acknowledges) every message in `queue` from whichever node answers.
    func drain(_ queue: String, depth: Int) async throws -> WorkerScenario.Drained {
        let connection = try await AMQPConnection.connect(try amqp())
        defer { Task { await connection.close() } }
        return try await WorkerScenario.drain(queue, depth: depth, on: connection)
    }
}

/// What a cluster scenario's database holds: the reliability tests' figures.
typealias ClusterFigures = WorkerScenario.Figures
