import AMQP
import CaretakerCore
import CaretakerStore
import Logging
import Postgres

/// Consumes `caretaker.intake`: decode, classify, record a batch in one transaction, commit,
/// then ack the batch with one `multiple` ack.
///
/// Nothing is lost and nothing is created twice: deliveries are acked only after their
/// transaction committed; a redelivery finds its message id in the inbox. Bad messages are
/// recorded and dead-lettered with the reason; a database or broker outage stops consumption
/// and is retried with backoff, never turned into dead letters.
public final class IntakeConsumer: Sendable {
    let settings: IntakeConsumerSettings
    let triage: IntakeTriage
    let recorder: IntakeRecorder
    let database: PostgresConnection
    let now: @Sendable () -> RFC3339Timestamp
    let signal: OutboxSignal
    let logger: Logger
    /// Counters for metrics and readiness.
    public let statistics = IntakeStatistics()

    /// Creates a consumer that records through `database` (a connection it may use alone).
    public init(settings: IntakeConsumerSettings, triage: IntakeTriage, recorder: IntakeRecorder = IntakeRecorder(),
                database: PostgresConnection, now: @escaping @Sendable () -> RFC3339Timestamp,
                signal: OutboxSignal, logger: Logger) {
        self.settings = settings
        self.triage = triage
        self.recorder = recorder
        self.database = database
        self.now = now
        self.signal = signal
        self.logger = logger
    }

    /// Runs until `stop` is raised: connects, declares, consumes; reconnects after failures, after
    /// the broker cancelled the consumer, and after `quietReconnectInterval` without a delivery.
    ///
    /// On stop, the batch in flight is committed and acked; deliveries prefetched but not yet
    /// recorded are released by closing the connection, so the broker hands them to another
    /// instance (or this one after a restart).
    public func run(stop: StopFlag) async {
        let session = ConsumerSession(amqp: settings.amqp, reconnect: settings.reconnect, queue: Topology.intakeQueue,
                                      quietLimit: settings.quietReconnectInterval, component: "intake", logger: logger,
                                      node: statistics.brokerNode)
        await session.run(
            stop: stop, consuming: statistics.setConsuming, reconnected: statistics.countReconnect,
            prepare: { connection in
                try await prepare(connection)
                // Not again for each reconnect of a quiet consumer, which stays consuming throughout.
                if !statistics.isConsuming {
                    logger.info("consuming intake", metadata: ["queue": "\(Topology.intakeQueue)"])
                }
            },
            consume: { connection, subscription in
                try await consume(on: connection, subscription: subscription, stop: stop)
            })
    }

    private func prepare(_ connection: AMQPConnection) async throws {
        let settings = self.settings
        try await Self.prepare(connection, settings: settings)
    }

    private static func prepare(_ connection: isolated AMQPConnection, settings: IntakeConsumerSettings) throws {
        try settings.topology.declare(on: connection)
        try connection.setPrefetch(count: settings.prefetch)
    }

    private func consume(on connection: AMQPConnection, subscription: QueueSubscription,
                         stop: StopFlag) async throws -> ConsumerSession.Ending {
        var subscription = subscription
        var scratch = TriageScratch()
        var carried: [AMQPDelivery] = []
        while !stop.isRaised {
            statistics.tick()
            var batch = carried
            carried = []
            batch += try await Self.collect(on: connection, upTo: settings.batchSize - batch.count,
                                            linger: settings.batchLinger, waitForFirst: batch.isEmpty)
            guard let last = batch.last else {
                if subscription.isQuietTooLong { return .quiet }
                continue
            }
            let started = ContinuousClock.now
            let items = batch.map { triage.item(for: $0, scratch: &scratch) }
            let triaged = ContinuousClock.now
            guard let outcomes = try await recordRetrying(items, deliveries: batch, connection: connection,
                                                          carried: &carried, stop: stop) else { return .stopped }
            let recorded = ContinuousClock.now
            try await connection.ack(last.deliveryTag, multiple: true)
            signal.notify()
            let acked = ContinuousClock.now
            statistics.record(outcomes, redelivered: batch.filter(\.redelivered).count,
                              phases: .init(triage: triaged - started, record: recorded - triaged, ack: acked - recorded))
            statistics.countNotAuthenticated(items.count { item in
                if case .rejected(let rejected) = item { return rejected.reason == CommandRejection.Reason.notAuthenticated.rawValue }
                return false
            })
            logOutcomes(outcomes, items: items, deliveries: batch)
            subscription.handledDeliveries()
        }
        return .stopped
    }

    /// Takes deliveries until `limit` or until `linger` has passed since the first one.
    private static func collect(on connection: isolated AMQPConnection, upTo limit: Int, linger: Duration,
                                waitForFirst: Bool) throws -> [AMQPDelivery] {
        var batch: [AMQPDelivery] = []
        guard limit > 0 else { return batch }
        if waitForFirst {
            guard let first = try connection.nextEvent(timeout: .milliseconds(250)).delivery(component: "intake") else {
                return batch
            }
            batch.append(first)
        }
        let deadline = ContinuousClock.now + linger
        while batch.count < limit {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { break }
            let event = try connection.nextEvent(timeout: remaining)
            if case .timeout = event { break }
            if let next = try event.delivery(component: "intake") { batch.append(next) }
        }
        return batch
    }
}
