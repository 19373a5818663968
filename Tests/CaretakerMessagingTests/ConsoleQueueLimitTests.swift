import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Prometheus
import Testing

/// A console that is down must not grow its queue without bound: at the queue's length limit the
/// broker refuses further events (`reject-publish`), the outbox keeps them, `/readyz` and
/// `caretaker_outbox_refused{queue}` say so, and they are delivered once the console catches up.
@Suite(.serialized) struct ConsoleQueueLimitTests {
    static let limit = 10

    @Test(.requiring(.postgres, .rabbitmq)) func aFullConsoleQueueLeavesTheRestInTheOutboxUntilTheConsoleCatchesUp() async throws {
        try await ScratchDatabase.with("console_queue_limit") { database in
            try await ScratchVirtualHost.with("console-queue-limit") { vhost in
                let connection = try await database.connect()
                _ = try await MigrationRunner().migrate(on: connection)
                let broker = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
                try await Self.declare(broker)
                let engineering = Topology.eventQueue(for: .engineering)
                let lines = OutboxReturnTests.Lines()
                let relay = try OutboxReturnTests.Relay(url: vhost.url, database: try await database.connect(), lines: lines)

                // The console is down: its queue fills up to the limit.
                try await Self.insertEvents(0..<Self.limit, on: connection)
                try await eventually("the queue filled", timeout: .seconds(20)) {
                    try await Self.count("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NOT NULL", connection) == Self.limit
                }
                // The queue is full. A quorum queue notices it is over its limit when it applies a
                // publish, so what the relay already has in flight may still land (a soft limit, by
                // at most one confirm window); from then on the broker refuses the queue's events.
                try await Self.insertEvents(Self.limit..<(Self.limit + 5), on: connection)
                try await eventually("the in-flight batch settled", timeout: .seconds(20)) {
                    try await Self.count("SELECT count(*)::int8 AS n FROM outbox WHERE attempts > 0 OR sent_at IS NOT NULL", connection)
                        == Self.limit + 5
                }
                try await Self.insertEvents((Self.limit + 5)..<(Self.limit + 10), on: connection)
                _ = try await connection.execute("""
                    INSERT INTO outbox (message_id, exchange, routing_key, body)
                    VALUES ('other-console', \(ExchangeName.events), 'security.case.created', convert_to('{}', 'UTF8'))
                    """)
                try await eventually("the later events refused", timeout: .seconds(20)) {
                    try await Self.count("""
                        SELECT count(*)::int8 AS n FROM outbox
                        WHERE message_id IN ('full-15', 'full-16', 'full-17', 'full-18', 'full-19')
                          AND sent_at IS NULL AND last_outcome = 'refused'
                        """, connection) == 5
                }
                let queued = try await broker.inspectQueue(engineering).messageCount
                let refused = try await Self.count(
                    "SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL AND last_outcome = 'refused'", connection)
                #expect(queued >= UInt32(Self.limit) && queued <= UInt32(Self.limit + 5), "queue holds \(queued)")
                #expect(Int(queued) + refused == Self.limit + 10, "every event is in the queue or waiting in the outbox")
                // Another console's events are not held up by the full one.
                try await eventually("the other console's event delivered", timeout: .seconds(10)) {
                    try await broker.inspectQueue(Topology.eventQueue(for: .security)).messageCount == 1
                }
                #expect(lines.all.contains { $0.contains("outbox events refused by the broker; kept unsent to retry") })

                // What ops see: a per-queue gauge and a /readyz warning.
                let registry = PrometheusCollectorRegistry()
                let metrics = Self.metrics(registry)
                let readiness = try await Self.sample(database, metrics)
                #expect(readiness.verdict().detail["outbox_refused"] == refused)
                #expect(readiness.verdict().warnings.contains("outbox_refused"))
                let scrape = String(decoding: registry.emitToBuffer(), as: UTF8.self)
                #expect(scrape.contains(#"caretaker_outbox_refused{queue="caretaker.events.engineering"} \#(refused)"#), "\(scrape)")

                // The console catches up; the relay's retry delivers the rest, nothing lost.
                #expect(try await broker.purgeQueue(engineering) == queued)
                try await eventually("the refused events delivered", timeout: .seconds(30)) {
                    try await Self.count("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL", connection) == 0
                }
                #expect(try await broker.inspectQueue(engineering).messageCount == UInt32(refused))
                await relay.stop()
                let after = try await Self.sample(database, metrics)
                #expect(after.verdict().detail["outbox_refused"] == 0)
                #expect(String(decoding: registry.emitToBuffer(), as: UTF8.self)
                    .contains(#"caretaker_outbox_refused{queue="caretaker.events.engineering"} 0"#))
                await broker.close()
                await connection.close()
            }
        }
    }

    @Test func theShippedDefinitionsLimitEveryConsoleQueueAndRejectPublishes() throws {
        let topology = Topology.caretaker()
        for audience in EventAudience.allCases {
            let queue = try #require(topology.queues.first { $0.name == Topology.eventQueue(for: audience) })
            #expect(queue.maxLength == Topology.defaultConsoleQueueMaxLength)
        }
        #expect(topology.queues.first { $0.name == Topology.intakeQueue }?.maxLength == nil)
        let json = try topology.definitionsJSON()
        #expect(json.contains(#""x-max-length" : 100000"#))
        #expect(json.contains(#""x-overflow" : "reject-publish""#))
    }

    static func declare(_ connection: isolated AMQPConnection) throws {
        try Topology.caretaker(consoleQueueMaxLength: limit).declare(on: connection)
    }

    static func insertEvents(_ range: Range<Int>, on connection: PostgresConnection) async throws {
        for index in range {
            _ = try await connection.execute("""
                INSERT INTO outbox (message_id, exchange, routing_key, body)
                VALUES (\("full-\(index)"), \(ExchangeName.events), 'engineering.case.created',
                        convert_to(\("{\"n\":\(index)}"), 'UTF8'))
                """)
        }
    }

    static func count(_ sql: SQLQuery, _ connection: PostgresConnection) async throws -> Int {
        Int(try await connection.query(sql).single().decode("n", as: Int64.self))
    }

    static func metrics(_ registry: PrometheusCollectorRegistry) -> WorkerMetrics {
        WorkerMetrics(registry: registry, sources: WorkerStatisticsSources(
            intake: IntakeStatistics(), commands: CommandStatistics(), outbox: OutboxStatistics(),
            timers: { TimerFiringStore.Report() }))
    }

    static func sample(_ database: ScratchDatabase, _ metrics: WorkerMetrics) async throws -> Readiness {
        let readiness = Readiness(intakeConsuming: { true }, commandsConsuming: { true })
        let sampling = try await database.connect()
        await MetricsSampler(metrics: metrics, readiness: readiness, database: sampling, logger: Logger(label: "test.sampler"))
            .sampleOnce()
        await sampling.close()
        return readiness
    }
}
