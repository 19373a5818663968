import AMQP
import CaretakerCore
import Foundation
import Postgres

/// The reference the pipeline is measured against: a deliberately simple worker on the same
/// wrappers, as a newcomer would write it — for each report, one transaction that inserts a case
/// row, then one confirmed, `mandatory` publish of an event, then the ack. No batching, no
/// outbox, no timers, no triage.
enum ReferenceWorker {
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
    static func run(count: Int, in environment: BenchEnvironment) async throws {
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
                try await transaction.execute("""
                    INSERT INTO bench_reference_cases (message_id, kind, report_text, received_at)
                    VALUES (\(message.messageID), \(message.kind.rawValue), \(message.text),
                            \(message.receivedAt.description)::timestamptz)
                    ON CONFLICT DO NOTHING
                    """)
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

    private static func publishEvent(for message: IntakeMessage, on connection: isolated AMQPConnection) throws {
        let body = JSONValue.object([
            ("event_type", .string("case.created")), ("correlation_id", .string(message.messageID)),
            ("kind", .string(message.kind.rawValue)), ("text", .string(message.text)),
        ]).serializedUTF8
        try connection.publish(body, exchange: "", routingKey: eventQueue, mandatory: true,
                               properties: AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent))
        try BenchBroker.check(connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(30)))
    }
}
