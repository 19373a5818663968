import AMQP
import CaretakerCore
import CaretakerStore
import Logging
import Postgres

extension IntakeConsumer {
    /// Records `items`, retrying through database outages while keeping the broker connection
    /// alive (heartbeats are serviced while waiting; deliveries that arrive meanwhile are carried
    /// into the next batch). Returns `nil` when a stop was asked for during an outage: nothing is
    /// acked and the broker redelivers.
    ///
    /// A batch the database refuses for a reason that is not transient is split up, so one
    /// message that breaks a constraint is dead-lettered and the rest are recorded.
    func recordRetrying(_ items: [IntakeItem], deliveries: [AMQPDelivery], connection: AMQPConnection,
                        carried: inout [AMQPDelivery], stop: StopFlag) async throws -> [IntakeOutcome]? {
        var outage = OutageLog(dependency: "postgres", component: "intake")
        while true {
            do {
                let outcomes = try await recordSplittingOnRefusal(items, deliveries: deliveries)
                outage.recovered(logger: logger)
                return outcomes
            } catch let error as PostgresError where error.isTransient {
                let failures = outage.failed(error, logger: logger)
                if stop.isRaised { return nil }
                let delay = min(settings.reconnect.delay(afterFailures: failures), .seconds(2))
                carried += try await serviceHeartbeats(on: connection, for: delay, component: "intake")
            }
        }
    }

    private func recordSplittingOnRefusal(_ items: [IntakeItem], deliveries: [AMQPDelivery]) async throws -> [IntakeOutcome] {
        do {
            return try await recorder.record(items, now: now(), on: database)
        } catch let error as PostgresError where !error.isTransient && items.count > 1 {
            logger.error("intake batch refused by the database; recording one by one", metadata: [
                "sqlstate": "\(error.code.rawValue)", "batch": "\(items.count)",
            ])
            var outcomes: [IntakeOutcome] = []
            for (item, delivery) in zip(items, deliveries) {
                outcomes += try await recordSplittingOnRefusal([item], deliveries: [delivery])
            }
            return outcomes
        } catch let error as PostgresError where !error.isTransient {
            logger.error("intake message refused by the database; dead-lettering it", metadata: [
                "sqlstate": "\(error.code.rawValue)", "message_id": "\(deliveries.first?.properties.messageID ?? "-")",
            ])
            let delivery = deliveries[0]
            let rejected = RejectedMessage(
                source: "intake", messageID: delivery.properties.messageID, routingKey: delivery.routingKey,
                body: delivery.body, field: "", reason: "storage_refused",
                detail: "the database refused the message (SQLSTATE \(error.code.rawValue))")
            return try await recorder.record([.rejected(rejected)], now: now(), on: database)
        }
    }
}
