import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres

/// The worker, built by ``WorkerAssembly`` as `caretaker run` builds it, running in this process
/// against a scratch database and a scratch virtual host, plus a publisher playing the hotline.
/// Authorization is off unless a policy is given (the scratch users are no parties).
final class PipelineHarness: Sendable {
    let database: ScratchDatabase
    let vhost: ScratchVirtualHost
    let admin: PostgresConnection
    let stop = StopFlag()
    let worker: WorkerService
    var consumer: IntakeConsumer { worker.intake }
    var relay: OutboxRelay { worker.relay }
    private let tasks: Task<Void, Never>

    static func start(_ purpose: String, batchSize: Int = 128,
                      authorization: AuthorizationPolicy? = nil) async throws -> PipelineHarness {
        let database = try await ScratchDatabase.create(purpose)
        let vhost = try ScratchVirtualHost.create(purpose)
        let admin = try await database.connect()
        _ = try await MigrationRunner().migrate(on: admin)
        let configuration = CaretakerConfiguration(
            amqp: BrokerConfiguration(url: vhost.url, heartbeat: .seconds(5)),
            postgres: DatabaseConfiguration(url: database.url),
            intake: IntakeConfiguration(batchSize: batchSize),
            instance: InstanceConfiguration(name: "test-\(purpose)"),
            authorization: AuthorizationConfiguration(mode: .off)
        ).resolvingDataPaths(in: TestServers.repositoryRoot.appendingPathComponent("config").path)
        var domain = try WorkerAssembly.loadDomain(configuration)
        domain.authorization = authorization
        var logger = Logger(label: "test.\(purpose)")
        logger.logLevel = .error
        let worker = try await WorkerAssembly.make(configuration, domain: domain, logger: logger)
        return PipelineHarness(database: database, vhost: vhost, admin: admin, worker: worker)
    }

    /// Runs `body` with a started harness and shuts it down afterwards, also when `body` throws.
    static func run<T>(_ purpose: String, batchSize: Int = 128, authorization: AuthorizationPolicy? = nil,
                       isolation: isolated (any Actor)? = #isolation,
                       _ body: (PipelineHarness) async throws -> T) async throws -> T {
        let harness = try await start(purpose, batchSize: batchSize, authorization: authorization)
        return try await withCleanup { try await body(harness) } cleanup: { try await harness.shutDown() }
    }

    private init(database: ScratchDatabase, vhost: ScratchVirtualHost, admin: PostgresConnection, worker: WorkerService) {
        self.database = database
        self.vhost = vhost
        self.admin = admin
        self.worker = worker
        let stop = self.stop
        tasks = Task { await worker.run(until: stop) }
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
