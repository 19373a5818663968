import AMQP
import CaretakerCore
import Foundation
import Postgres

/// The references the pipeline is measured against: deliberately simple workers on the same
/// wrappers, as a newcomer would write them. `simple`: for each report, one transaction that
/// inserts a case row, then one confirmed, `mandatory` publish of an event, then the ack.
/// `batched` (the batched Python worker's design, pika + psycopg, 128 per transaction): up to
/// `batch` deliveries, one transaction inserting their rows, one publish each, one wait for all
/// the confirms, one `multiple` ack. No outbox, no timers, no triage, one event per report.
enum ReferenceWorker {
    /// How the reference works.
    enum Mode {
        case simple
        case batched(Int)

        var label: String {
            switch self {
            case .simple: "reference (1 tx + 1 confirm each)"
            case .batched(let size): "reference, batched by \(size)"
            }
        }
    }

    /// The quorum queue preloaded with the reports it drains.
    static let intakeQueue = "caretaker-bench.reference.intake"
    /// The quorum queue its events go to.
    static let eventQueue = "caretaker-bench.reference.events"

    /// Declares its queues and table, and preloads `count` reports.
    static func prepare(count: Int, in environment: BenchEnvironment, hotline: AMQPConnection) async throws {
        try await declare(on: hotline)
        try await BenchBroker.publish(count: count, prefix: "ref", toQueue: intakeQueue, on: hotline)
        let database = try await PostgresConnection.connect(environment.postgresURL)
        try await database.execute("""
            CREATE TABLE IF NOT EXISTS bench_reference_cases (
                message_id text PRIMARY KEY, kind text NOT NULL, report_text text NOT NULL,
                received_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now())
            """)
        await database.close()
    }

    private static func declare(on connection: isolated AMQPConnection) throws {
        try connection.declareQuorumQueue(intakeQueue)
        try connection.declareQuorumQueue(eventQueue)
    }

    /// Drains the `count` preloaded reports; returns when the last is acked.
    static func run(count: Int, mode: Mode, in environment: BenchEnvironment) async throws {
        if case .batched(let size) = mode {
            try await runBatched(count: count, batch: size, in: environment)
            return
        }
        let consumer = try await BenchBroker.connect(environment.amqpURL, confirms: false)
        let publisher = try await BenchBroker.connect(environment.amqpURL, confirms: true)
        let database = try await PostgresConnection.connect(environment.postgresURL)
        try await consumer.setPrefetch(count: 256)
        _ = try await consumer.consume(queue: intakeQueue)
        var handled = 0
        var idleSince = ContinuousClock.now
        while handled < count {
            guard case .delivery(let delivery) = try await consumer.nextEvent(timeout: .milliseconds(100)) else {
                guard ContinuousClock.now - idleSince < .seconds(30) else {
                    throw BenchFailure("the reference worker stalled after \(handled) of \(count)")
                }
                continue
            }
            idleSince = ContinuousClock.now
            let message = try IntakeMessage.decode(from: delivery.body)
            _ = try await database.withTransaction { transaction in
                try await transaction.execute(insert(message))
            }
            try await publishEvent(for: message, on: publisher)
            try await consumer.ack(delivery.deliveryTag)
            handled += 1
        }
        _ = try await consumer.deleteQueue(intakeQueue)
        _ = try await publisher.deleteQueue(eventQueue)
        await consumer.close()
        await publisher.close()
        await database.close()
    }

    private static func runBatched(count: Int, batch: Int, in environment: BenchEnvironment) async throws {
        let consumer = try await BenchBroker.connect(environment.amqpURL, confirms: false)
        let publisher = try await BenchBroker.connect(environment.amqpURL, confirms: true)
        let database = try await PostgresConnection.connect(environment.postgresURL)
        try await consumer.setPrefetch(count: UInt16(min(65_535, 2 * batch)))
        _ = try await consumer.consume(queue: intakeQueue)
        var handled = 0
        while handled < count {
            let deliveries = try await collect(upTo: batch, on: consumer)
            guard let last = deliveries.last else { throw BenchFailure("the batched reference stalled after \(handled) of \(count)") }
            let messages = try deliveries.map { try IntakeMessage.decode(from: $0.body) }
            _ = try await database.withTransaction { transaction in
                for message in messages {
                    try await transaction.execute(insert(message))
                }
            }
            try await publishEvents(for: messages, on: publisher)
            try await consumer.ack(last.deliveryTag, multiple: true)
            handled += deliveries.count
        }
        _ = try await consumer.deleteQueue(intakeQueue)
        _ = try await publisher.deleteQueue(eventQueue)
        await consumer.close()
        await publisher.close()
        await database.close()
    }

    /// Up to `limit` deliveries: waits up to 30 s for the first, then takes what comes within 5 ms.
    private static func collect(upTo limit: Int, on connection: isolated AMQPConnection) throws -> [AMQPDelivery] {
        var deliveries: [AMQPDelivery] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while deliveries.count < limit {
            let wait: Duration = deliveries.isEmpty ? .milliseconds(100) : .milliseconds(5)
            switch try connection.nextEvent(timeout: wait) {
            case .delivery(let delivery): deliveries.append(delivery)
            case .timeout:
                if !deliveries.isEmpty || ContinuousClock.now > deadline { return deliveries }
            default: continue
            }
        }
        return deliveries
    }

    private static func insert(_ message: IntakeMessage) -> SQLQuery {
        """
        INSERT INTO bench_reference_cases (message_id, kind, report_text, received_at)
        VALUES (\(message.messageID), \(message.kind.rawValue), \(message.text), \(message.receivedAt.description)::timestamptz)
        ON CONFLICT DO NOTHING
        """
    }

    private static func publishEvent(for message: IntakeMessage, on connection: isolated AMQPConnection) throws {
        try publishEvents(for: [message], on: connection)
    }

    /// One persistent, `mandatory` publish per message, then one wait for every confirm.
    private static func publishEvents(for messages: [IntakeMessage], on connection: isolated AMQPConnection) throws {
        for message in messages {
            let body = JSONValue.object([
                ("event_type", .string("case.created")), ("correlation_id", .string(message.messageID)),
                ("kind", .string(message.kind.rawValue)), ("text", .string(message.text)),
            ]).serializedUTF8
            try connection.publish(body, exchange: "", routingKey: eventQueue, mandatory: true,
                                   properties: AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent))
        }
        try BenchBroker.check(connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(30)))
    }
}
