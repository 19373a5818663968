import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres

/// A scratch database (migrated) and a scratch virtual host for one process-level test, the
/// environment a `caretaker run` needs to use them, and the test's own views of both servers:
/// counts in PostgreSQL, queue depths in RabbitMQ, a hotline publisher.
final class WorkerScenario: Sendable {
    /// The test's database.
    let database: ScratchDatabase
    /// The test's virtual host.
    let vhost: ScratchVirtualHost
    let purpose: String

    /// Creates the database and virtual host and migrates the database.
    static func make(_ purpose: String) async throws -> WorkerScenario {
        let database = try await ScratchDatabase.create(purpose)
        let vhost = try ScratchVirtualHost.create(purpose)
        let connection = try await database.connect()
        _ = try await MigrationRunner().migrate(on: connection)
        await connection.close()
        return WorkerScenario(database: database, vhost: vhost, purpose: purpose)
    }

    private init(database: ScratchDatabase, vhost: ScratchVirtualHost, purpose: String) {
        self.database = database
        self.vhost = vhost
        self.purpose = purpose
    }

    /// The environment of a worker on this scenario's database and virtual host, JSON logs, the
    /// repository's data files (triage rules, SLA policy, calendars), plus `extra`.
    func environment(instance: String, _ extra: [String: String] = [:]) -> [String: String] {
        let config = TestServers.repositoryRoot.appendingPathComponent("config")
        return [
            "CARETAKER_POSTGRES_URL": database.url,
            "CARETAKER_AMQP_URL": vhost.url,
            "CARETAKER_TRIAGE_RULES_FILE": config.appendingPathComponent("triage-rules.json").path,
            "CARETAKER_TRIAGE_MODEL_FILE": config.appendingPathComponent("triage-model.json").path,
            "CARETAKER_SLA_POLICY_FILE": config.appendingPathComponent("sla-policy.json").path,
            "CARETAKER_SLA_CALENDARS_DIRECTORY": config.appendingPathComponent("calendars").path,
            // These scenarios publish as guest; AuthorizationWorkerTests run with the parties.
            "CARETAKER_AUTHORIZATION_FILE": config.appendingPathComponent("authorization.json").path,
            "CARETAKER_AUTHORIZATION_MODE": "off",
            "CARETAKER_LOG_FORMAT": "json",
            "CARETAKER_LOG_LEVEL": "info",
            "CARETAKER_INSTANCE_NAME": instance,
            "CARETAKER_AMQP_HEARTBEAT_SECONDS": "5",
            "CARETAKER_OUTBOX_BATCH_SIZE": "\(WorkerReliabilityTests.outboxBatch)",
        ].merging(extra) { $1 }
    }

    /// Publishes `count` sample reports with ids `PREFIX-0` … as the hotline does (persistent,
    /// mandatory, confirmed) and returns their ids. The topology must exist (a worker declared it).
    @discardableResult
    func publish(_ count: Int, prefix: String, from first: Int = 0) async throws -> [String] {
        try await Self.publishSamples(count, prefix: prefix, from: first, configuration: AMQPConfiguration(url: vhost.url))
    }

    /// Publishes `count` sample reports (`prefix-first`…) as the hotline does, through a
    /// connection made with `configuration`, stamped now; returns their ids.
    static func publishSamples(_ count: Int, prefix: String, from first: Int = 0,
                               configuration: AMQPConfiguration) async throws -> [String] {
        let publisher = try await IntakePublisher(configuration: configuration)
        let clock = WorkerClock()
        var ids: [String] = []
        ids.reserveCapacity(count)
        do {
            for index in first..<(first + count) {
                let id = "\(prefix)-\(index)"
                try await publisher.publish(SampleReports.make(index, messageID: id, receivedAt: clock.now()))
                ids.append(id)
            }
            try await publisher.flush()
        } catch {
            await publisher.close()
            throw error
        }
        await publisher.close()
        return ids
    }

    /// A number from a one-value query on a fresh connection (so a database restart in between
    /// does not matter).
    func count(_ sql: SQLQuery) async throws -> Int {
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        return try await connection.query(sql).single().decode(0, as: Int.self)
    }

    /// Cases recorded.
    func cases() async throws -> Int {
        try await count("SELECT count(*)::int8 FROM cases")
    }

    /// The figures the reliability and failover tests check, read in one go.
    struct Figures: CustomStringConvertible {
        var cases = 0
        var distinctCorrelations = 0
        var inbox = 0
        var unsentOutbox = 0
        var rejected = 0
        /// Escalation steps recorded.
        var escalations = 0
        /// (case, timer, level) triples escalated more than once: must stay zero.
        var repeatedEscalations = 0

        var description: String {
            "cases \(cases), distinct correlation ids \(distinctCorrelations), inbox \(inbox), "
                + "unsent outbox rows \(unsentOutbox), rejected messages \(rejected), "
                + "escalations \(escalations) (repeated \(repeatedEscalations))"
        }

        /// Reads the figures on `connection`.
        static func read(on connection: PostgresConnection) async throws -> Figures {
            let row = try await connection.query("""
                SELECT (SELECT count(*) FROM cases)::int8,
                       (SELECT count(DISTINCT correlation_id) FROM cases)::int8,
                       (SELECT count(*) FROM inbox WHERE source = 'intake')::int8,
                       (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int8,
                       (SELECT count(*) FROM rejected_messages)::int8,
                       (SELECT count(*) FROM case_history WHERE step = 'escalated')::int8,
                       (SELECT count(*) FROM (SELECT 1 FROM case_history WHERE step = 'escalated'
                            GROUP BY case_id, source_id, details->>'level' HAVING count(*) > 1) AS repeated)::int8
                """).single()
            return Figures(cases: try row.decode(0), distinctCorrelations: try row.decode(1), inbox: try row.decode(2),
                           unsentOutbox: try row.decode(3), rejected: try row.decode(4), escalations: try row.decode(5),
                           repeatedEscalations: try row.decode(6))
        }
    }

    /// Reads ``Figures``.
    func figures() async throws -> Figures {
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        return try await Figures.read(on: connection)
    }

    /// The ready messages in `queue` (unacknowledged ones are not counted).
    func depth(of queue: String) async throws -> Int {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        defer { Task { await connection.close() } }
        return Int(try await connection.inspectQueue(queue).messageCount)
    }

    /// What an event queue holds.
    struct Drained {
        /// Every message read.
        var messages = 0
        /// Distinct `message_id`s among them.
        var messageIDs: Set<String> = []
        /// Distinct `correlation_id`s among them.
        var correlationIDs: Set<String> = []
        /// Distinct `message_id`s by routing key (`customer_service.case.created`, …).
        var messageIDsByRoutingKey: [String: Set<String>] = [:]
        /// Distinct `correlation_id`s by routing key.
        var correlationIDsByRoutingKey: [String: Set<String>] = [:]

        mutating func note(_ delivery: AMQPDelivery) {
            messages += 1
            if let id = delivery.properties.messageID {
                messageIDs.insert(id)
                messageIDsByRoutingKey[delivery.routingKey, default: []].insert(id)
            }
            if let id = delivery.properties.correlationID {
                correlationIDs.insert(id)
                correlationIDsByRoutingKey[delivery.routingKey, default: []].insert(id)
            }
        }
    }

    /// Reads (and acknowledges) every message in `queue`, expecting `depth` of them.
    func drain(_ queue: String, depth: Int) async throws -> Drained {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        defer { Task { await connection.close() } }
        return try await Self.drain(queue, depth: depth, on: connection)
    }

    static func drain(_ queue: String, depth: Int, on connection: isolated AMQPConnection) throws -> Drained {
        try connection.setPrefetch(count: 2_000)
        try connection.consume(queue: queue)
        var drained = Drained()
        var lastTag: UInt64 = 0
        var ackedTag: UInt64 = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while drained.messages < depth, ContinuousClock.now < deadline {
            guard case .delivery(let delivery) = try connection.nextEvent(timeout: .milliseconds(500)) else { continue }
            drained.note(delivery)
            lastTag = delivery.deliveryTag
            if drained.messages % 500 == 0 {
                try connection.ack(lastTag, multiple: true)
                ackedTag = lastTag
            }
        }
        if lastTag > ackedTag { try connection.ack(lastTag, multiple: true) }
        // Anything beyond the expected depth would show up here.
        while case .delivery(let extra) = try connection.nextEvent(timeout: .milliseconds(300)) {
            drained.note(extra)
            try connection.ack(extra.deliveryTag)
        }
        return drained
    }

    /// The correlation ids of all cases.
    func caseCorrelationIDs() async throws -> Set<String> {
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        return Set(try await connection.query("SELECT correlation_id FROM cases").map { try $0.decode(0, as: String.self) })
    }

    /// Drops the database and deletes the virtual host (after the workers were stopped).
    func remove() async {
        try? await database.drop()
        try? vhost.delete()
    }
}

extension TestServers {
    /// Runs `scripts/services ARGUMENTS` on a thread of its own, so the cooperative pool is not
    /// blocked while a server stops or starts.
    static func servicesOffPool(_ first: String, _ second: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try TestServers.services(first, second)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
