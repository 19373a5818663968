import AMQP
import Backoff
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres

/// A command consumer running in this process on a scratch database and virtual host, and a
/// console connection that publishes commands to it.
struct CommandConsumerHarness: Sendable {
    let vhost: ScratchVirtualHost
    let admin: PostgresConnection
    let console: AMQPConnection
    let consumer: CommandConsumer

    /// Runs `body` with a consumer that is already consuming; stops it and removes what the test
    /// made afterwards, also when `body` throws.
    static func run(_ purpose: String, quietLimit: Duration,
                    _ body: (CommandConsumerHarness) async throws -> Void) async throws {
        let database = try await ScratchDatabase.create(purpose)
        let vhost = try ScratchVirtualHost.create(purpose)
        let admin = try await database.connect()
        _ = try await MigrationRunner().migrate(on: admin)
        var logger = Logger(label: "test.\(purpose)")
        logger.logLevel = .error
        let consumer = CommandConsumer(
            settings: IntakeConsumerSettings(amqp: try AMQPConfiguration(url: vhost.url, heartbeat: .seconds(5)),
                                             reconnect: ExponentialBackoff(maximumDelay: .milliseconds(500)),
                                             quietReconnectInterval: quietLimit),
            processor: CommandProcessor(), database: try await database.connect(),
            now: { RFC3339Timestamp(Date()) }, signal: OutboxSignal(), logger: logger)
        let stop = StopFlag()
        let running = Task { await consumer.run(stop: stop) }
        let console = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        let harness = CommandConsumerHarness(vhost: vhost, admin: admin, console: console, consumer: consumer)
        var failure: (any Error)?
        do {
            try await eventually("consumer ready", timeout: .seconds(20)) { consumer.statistics.isConsuming }
            try await body(harness)
        } catch {
            failure = error
        }
        stop.raise()
        await running.value
        await console.close()
        await admin.close()
        try? await database.drop()
        try? vhost.delete()
        if let failure { throw failure }
    }

    /// Whether the command `commandID` was taken into the inbox, i.e. processed.
    func processed(_ commandID: String) async throws -> Bool {
        try await admin.query("""
            SELECT count(*)::int8 FROM inbox WHERE source = 'command' AND message_id = \(commandID)
            """).single().decode(0, as: Int.self) == 1
    }

    /// Consumers on `caretaker.commands`, through a fresh connection (a missing queue closes the channel).
    func consumerCount() async throws -> Int {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        defer { Task { await connection.close() } }
        return Int(try await connection.inspectQueue(Topology.commandQueue).consumerCount)
    }

    /// Runs `body` on the console connection.
    func onConsole(_ body: @Sendable (isolated AMQPConnection) throws -> Void) async throws {
        try await Self.perform(body, on: console)
    }

    private static func perform(_ body: @Sendable (isolated AMQPConnection) throws -> Void,
                                on connection: isolated AMQPConnection) throws {
        try body(connection)
    }

    /// Publishes an `accept` for a case that does not exist, as a console does (persistent,
    /// mandatory, confirmed), so it is processed as a refusal.
    func send(_ commandID: String) async throws {
        let body = #"""
            {"command_id":"\#(commandID)","case_id":"\#(UUID().uuidString.lowercased())",\#
            "at":"2026-11-02T10:00:00+08:00",\#
            "actor":{"id":"E1024","name":"Li","role":"technician","audience":"engineering"}}
            """#
        try await onConsole { console in
            try console.enableConfirms()
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: commandID)
            _ = try console.publish(Array(body.utf8), exchange: ExchangeName.commands, routingKey: "accept",
                                    mandatory: true, properties: properties)
            _ = try console.waitForConfirms(untilAtMost: 0, timeout: .seconds(10))
        }
    }
}
