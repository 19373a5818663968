import AMQP
import Backoff
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres

/// The worker's intake consumer and outbox relay running in this process against a scratch
/// database and a scratch virtual host, plus a publisher playing the hotline.
final class PipelineHarness: Sendable {
    let database: ScratchDatabase
    let vhost: ScratchVirtualHost
    let admin: PostgresConnection
    let stop = StopFlag()
    let consumer: IntakeConsumer
    let relay: OutboxRelay
    private let tasks: Task<Void, Never>

    static func start(_ purpose: String, batchSize: Int = 128,
                      authorization: AuthorizationPolicy? = nil) async throws -> PipelineHarness {
        let database = try await ScratchDatabase.create(purpose)
        let vhost = try ScratchVirtualHost.create(purpose)
        let admin = try await database.connect()
        _ = try await MigrationRunner().migrate(on: admin)
        let rules = TestServers.repositoryRoot.appendingPathComponent("config/triage-rules.json").path
        let classifier = try TriageRulesFile(path: rules).loadClassifier()
        let amqp = try AMQPConfiguration(url: vhost.url, heartbeat: .seconds(5))
        var logger = Logger(label: "test.\(purpose)")
        logger.logLevel = .warning
        let signal = OutboxSignal()
        let consumer = IntakeConsumer(
            settings: IntakeConsumerSettings(amqp: amqp, prefetch: 256, batchSize: batchSize,
                                             reconnect: ExponentialBackoff(maximumDelay: .seconds(1))),
            triage: IntakeTriage(classifier: classifier, authorization: authorization), database: try await database.connect(),
            now: { RFC3339Timestamp(Date()) }, signal: signal, logger: logger)
        let relay = OutboxRelay(
            settings: OutboxRelay.Settings(amqp: amqp, reconnect: ExponentialBackoff(maximumDelay: .seconds(1))),
            database: try await database.connect(), signal: signal, logger: logger)
        return PipelineHarness(database: database, vhost: vhost, admin: admin, consumer: consumer, relay: relay)
    }

    /// Runs `body` with a started harness and shuts it down afterwards, also when `body` throws.
    static func run<T>(_ purpose: String, batchSize: Int = 128, authorization: AuthorizationPolicy? = nil,
                       isolation: isolated (any Actor)? = #isolation,
                       _ body: (PipelineHarness) async throws -> T) async throws -> T {
        let harness = try await start(purpose, batchSize: batchSize, authorization: authorization)
        return try await withCleanup { try await body(harness) } cleanup: { try await harness.shutDown() }
    }

    private init(database: ScratchDatabase, vhost: ScratchVirtualHost, admin: PostgresConnection,
                 consumer: IntakeConsumer, relay: OutboxRelay) {
        self.database = database
        self.vhost = vhost
        self.admin = admin
        self.consumer = consumer
        self.relay = relay
        let stop = self.stop
        tasks = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await consumer.run(stop: stop) }
                group.addTask { await relay.run(stop: stop) }
            }
        }
    }

    /// Waits until the consumer has declared the topology and is consuming.
    func waitUntilConsuming() async throws {
        try await eventually("consumer ready", timeout: .seconds(20)) { self.consumer.statistics.isConsuming }
    }

    /// A hotline connection with confirms on, in this virtual host.
    func hotline() async throws -> AMQPConnection {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        try await connection.enableConfirms()
        return connection
    }

    /// Publishes `bodies` to `caretaker.intake` and waits for the broker's confirms.
    func publish(_ bodies: [(routingKey: String, body: [UInt8], messageID: String?)], on hotline: AMQPConnection) async throws {
        try await Self.publish(bodies, on: hotline)
    }

    private static func publish(_ bodies: [(routingKey: String, body: [UInt8], messageID: String?)],
                                on hotline: isolated AMQPConnection) throws {
        for (index, item) in bodies.enumerated() {
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: item.messageID)
            try hotline.publish(item.body, exchange: ExchangeName.intake, routingKey: item.routingKey,
                                mandatory: true, properties: properties)
            if index % 500 == 499 { _ = try hotline.waitForConfirms(untilAtMost: 0, timeout: .seconds(30)) }
        }
        _ = try hotline.waitForConfirms(untilAtMost: 0, timeout: .seconds(30))
    }

    /// A number from a one-value query.
    func count(_ sql: SQLQuery) async throws -> Int {
        try await admin.query(sql).single().decode(0, as: Int.self)
    }

    /// Stops the worker, waits for it, and removes the scratch database and virtual host.
    func shutDown() async throws {
        stop.raise()
        await tasks.value
        await admin.close()
        try await database.drop()
        try vhost.delete()
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes (then throws).
func eventually(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TimedOut(what: what)
}

/// A condition a test waited for did not come true in time.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}
