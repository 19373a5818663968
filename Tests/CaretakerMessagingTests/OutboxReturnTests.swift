import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Synchronization
import Testing

/// An event the broker cannot route (its console's queue was deleted) comes back `312 NO_ROUTE`:
/// the relay must count that as a failure — the row stays unsent, marked `returned`, logged at
/// error without the body, retried with backoff — and deliver it once the queue is back.
@Suite(.serialized) struct OutboxReturnTests {
    final class Lines: Sendable {
        let collected = Mutex<[String]>([])
        var all: [String] { collected.withLock { $0 } }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func aReturnedEventStaysUnsentIsLoggedAndIsDeliveredOnceItsQueueIsBack() async throws {
        try await ScratchDatabase.with("outbox_returned") { database in
            try await ScratchVirtualHost.with("outbox-returned") { vhost in
                let connection = try await database.connect()
                _ = try await MigrationRunner().migrate(on: connection)
                let broker = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
                try await Self.declareWithoutSecurityQueue(broker)

                let securityQueue = Topology.eventQueue(for: .security)
                _ = try await connection.execute("""
                    INSERT INTO outbox (message_id, exchange, routing_key, body) VALUES
                        ('ev-routable', \(ExchangeName.events), 'engineering.case.created', convert_to('{"n":1}', 'UTF8')),
                        ('ev-unroutable', \(ExchangeName.events), 'security.case.created',
                         convert_to('{"resident":"王小明 13800001234"}', 'UTF8'))
                    """)

                let lines = Lines()
                let first = try Relay(url: vhost.url, database: try await database.connect(), lines: lines)
                try await eventually("both rows tried", timeout: .seconds(20)) {
                    let routable = try await Self.row("ev-routable", connection)
                    let unroutable = try await Self.row("ev-unroutable", connection)
                    return routable.sent && unroutable.attempts >= 1
                }
                let returned = try await Self.row("ev-unroutable", connection)
                #expect(!returned.sent)
                #expect(returned.outcome == "returned")
                #expect(returned.error.contains("312"))
                #expect(returned.waiting, "a returned row waits for its retry time")
                #expect(first.relay.statistics.snapshot.returned >= 1)
                #expect(first.relay.statistics.snapshot.confirmed == 1)
                #expect(try await OutboxStore().returnedBacklog(on: connection) == 1)
                let errors = lines.all.filter { $0.contains(#""level":"error""#) }
                #expect(errors.contains { $0.contains("outbox events returned unroutable") && $0.contains(#""routing_key":"security.case.created""#)
                    && $0.contains(#""first_message_id":"ev-unroutable""#) })
                #expect(!lines.all.joined().contains("13800001234") && !lines.all.joined().contains("王小明"))

                // A waiting row does not hold up the flush on shutdown.
                let stopping = ContinuousClock.now
                await first.stop()
                #expect(ContinuousClock.now - stopping < .seconds(5))
                #expect(!(try await Self.row("ev-unroutable", connection).sent))

                // Ops repair the topology; the next attempt delivers it and clears the mark.
                try await Self.declare(broker)
                let second = try Relay(url: vhost.url, database: try await database.connect(), lines: lines)
                try await eventually("the returned row delivered", timeout: .seconds(30)) {
                    try await Self.row("ev-unroutable", connection).sent
                }
                await second.stop()
                #expect(try await broker.inspectQueue(securityQueue).messageCount == 1)
                #expect(try await OutboxStore().returnedBacklog(on: connection) == 0)

                await broker.close()
                await connection.close()
            }
        }
    }

    /// A relay running in a task of its own, logging JSON lines into `lines`.
    struct Relay {
        let relay: OutboxRelay
        let stopFlag = StopFlag()
        let task: Task<Void, Never>
        let database: PostgresConnection

        init(url: String, database: PostgresConnection, lines: Lines) throws {
            let logger = Logger(label: "test.relay") { label in
                JSONLogHandler(label: label, level: .info) { line in lines.collected.withLock { $0.append(line) } }
            }
            let relay = OutboxRelay(
                settings: OutboxRelay.Settings(amqp: try AMQPConfiguration(url: url), pollInterval: .milliseconds(50)),
                database: database, signal: OutboxSignal(), logger: logger)
            let flag = stopFlag
            self.relay = relay
            self.database = database
            task = Task { await relay.run(stop: flag) }
        }

        func stop() async {
            stopFlag.raise()
            await task.value
            await database.close()
        }
    }

    struct RowState {
        var sent: Bool
        var attempts: Int
        var outcome: String?
        var error: String
        var waiting: Bool
    }

    static func row(_ messageID: String, _ connection: PostgresConnection) async throws -> RowState {
        let row = try await connection.query("""
            SELECT sent_at IS NOT NULL AS sent, attempts, last_outcome, coalesce(last_error, '') AS error,
                   retry_at IS NOT NULL AS waiting
            FROM outbox WHERE message_id = \(messageID)
            """).single()
        return RowState(sent: try row.decode("sent", as: Bool.self), attempts: try row.decode("attempts", as: Int.self),
                        outcome: try row.decode("last_outcome", as: String?.self),
                        error: try row.decode("error", as: String.self), waiting: try row.decode("waiting", as: Bool.self))
    }

    static func declareWithoutSecurityQueue(_ connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
        _ = try connection.deleteQueue(Topology.eventQueue(for: .security))
    }

    static func declare(_ connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
    }
}
