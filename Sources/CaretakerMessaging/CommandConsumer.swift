import AMQP
import CaretakerCore
import CaretakerStore
import Logging
import Postgres

/// Consumes `caretaker.commands` from the department consoles and applies each command in its
/// own transaction (case update, history, events, or a refusal), then acks it.
///
/// A command that cannot be decoded or is refused is still acked: the refusal was recorded and
/// sent to the actor's console. Database outages are retried; nothing is dead-lettered for them.
/// A consumer the broker cancels (the queue was deleted, its node failed) or silently forgets
/// (see ``QueueSubscription``) is treated like a lost connection: reconnect, redeclare, consume
/// again, through the same ``ConsumerSession`` as the intake consumer.
public final class CommandConsumer: Sendable {
    let settings: IntakeConsumerSettings
    let processor: CommandProcessor
    let database: PostgresConnection
    let now: @Sendable () -> RFC3339Timestamp
    let signal: OutboxSignal
    let logger: Logger
    /// Whether the consumer is connected and consuming.
    public let statistics = CommandStatistics()

    /// Creates a consumer; `settings` gives the connection, prefetch and backoff (batching is unused).
    public init(settings: IntakeConsumerSettings, processor: CommandProcessor, database: PostgresConnection,
                now: @escaping @Sendable () -> RFC3339Timestamp, signal: OutboxSignal, logger: Logger) {
        self.settings = settings
        self.processor = processor
        self.database = database
        self.now = now
        self.signal = signal
        self.logger = logger
    }

    /// Runs until `stop` is raised, reconnecting after failures.
    public func run(stop: StopFlag) async {
        let session = ConsumerSession(amqp: settings.amqp, reconnect: settings.reconnect, queue: Topology.commandQueue,
                                      quietLimit: settings.quietReconnectInterval, component: "commands", logger: logger,
                                      node: statistics.brokerNode)
        let settings = self.settings
        await session.run(
            stop: stop, consuming: statistics.setConsuming,
            prepare: { connection in try await Self.prepare(connection, settings: settings) },
            consume: { connection, subscription in
                try await consume(on: connection, subscription: subscription, stop: stop)
            })
    }

    private static func prepare(_ connection: isolated AMQPConnection, settings: IntakeConsumerSettings) throws {
        try settings.topology.declare(on: connection)
        try connection.setPrefetch(count: min(settings.prefetch, 64))
    }

    private func consume(on connection: AMQPConnection, subscription: QueueSubscription,
                         stop: StopFlag) async throws -> ConsumerSession.Ending {
        var subscription = subscription
        var waiting: [AMQPDelivery] = []
        while !stop.isRaised {
            let delivery: AMQPDelivery
            if waiting.isEmpty {
                let event = try await connection.nextEvent(timeout: .milliseconds(250))
                guard let next = try event.delivery(component: "commands") else {
                    if subscription.isQuietTooLong { return .quiet }
                    continue
                }
                delivery = next
            } else {
                delivery = waiting.removeFirst()
            }
            guard let outcome = try await applyRetrying(delivery, connection: connection, waiting: &waiting, stop: stop) else {
                return .stopped
            }
            try await connection.ack(delivery.deliveryTag)
            subscription.handledDeliveries()
            signal.notify()
            statistics.count(outcome)
            logRefusedAccess(outcome, delivery: delivery)
            if logger.logLevel <= .info {
                var metadata: Logger.Metadata = [
                    "command": "\(delivery.routingKey)", "message_id": "\(delivery.properties.messageID ?? "-")",
                    "outcome": "\(outcome)",
                ]
                if let correlationID = delivery.properties.correlationID {
                    metadata["correlation_id"] = "\(correlationID)"
                }
                if case .applied(let caseNumber, _) = outcome { metadata["case_number"] = "\(caseNumber)" }
                logger.info("command processed", metadata: metadata)
            }
        }
        return .stopped
    }

    /// One warning per command refused as `not_authenticated` or `not_authorized`: the command,
    /// the reason and the broker user, never the actor's name or the case's text.
    private func logRefusedAccess(_ outcome: CommandOutcome, delivery: AMQPDelivery) {
        guard case .rejected(.lifecycle(let reason)) = outcome, reason == .notAuthenticated || reason == .notAuthorized else {
            return
        }
        logger.warning("command refused by authorization", metadata: [
            "command": "\(delivery.routingKey)", "reason": "\(reason.rawValue)",
            "user_id": "\(delivery.properties.userID ?? "-")", "message_id": "\(delivery.properties.messageID ?? "-")",
        ])
    }

    private func applyRetrying(_ delivery: AMQPDelivery, connection: AMQPConnection, waiting: inout [AMQPDelivery],
                               stop: StopFlag) async throws -> CommandOutcome? {
        var outage = OutageLog(dependency: "postgres", component: "commands")
        while true {
            do {
                let outcome = try await processor.apply(
                    body: delivery.body, routingKey: delivery.routingKey, amqpMessageID: delivery.properties.messageID,
                    userID: delivery.properties.userID, now: now(), on: database)
                outage.recovered(logger: logger)
                return outcome
            } catch let error as PostgresError where error.isTransient {
                let failures = outage.failed(error, logger: logger)
                if stop.isRaised { return nil }
                let delay = min(settings.reconnect.delay(afterFailures: failures), .seconds(2))
                waiting += try await serviceHeartbeats(on: connection, for: delay, component: "commands")
            }
        }
    }
}
