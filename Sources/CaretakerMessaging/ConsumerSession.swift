import AMQP
import Backoff
import Logging

/// The connect → prepare → subscribe → consume → reconnect loop both consumers share.
///
/// A failure while connecting, declaring or consuming closes the connection (the broker then
/// requeues whatever was delivered but not acked), is logged once per outage, and is retried
/// after the policy's backoff, until `stop` is raised. So is a consumer the broker cancels
/// (see ``AMQPEvent/delivery(component:)``). A consumer quiet for too long (see
/// ``QueueSubscription``) reconnects at once, without logging an outage and without reporting
/// that it stopped consuming.
struct ConsumerSession {
    /// Why a consume loop returned without an error.
    enum Ending {
        /// The stop flag was raised.
        case stopped
        /// Nothing arrived for the quiet limit; reconnect to be sure the broker still knows us.
        case quiet
    }

    let amqp: AMQPConfiguration
    let reconnect: ExponentialBackoff
    /// The queue consumed.
    let queue: String
    /// How long without a delivery before the connection is made again.
    let quietLimit: Duration
    let component: String
    let logger: Logger
    /// Where the node the session is connected to is noted.
    var node = BrokerNode()

    /// Runs until `stop` is raised; `consuming` reports when consumption starts and stops,
    /// `reconnected` each reconnect after a failure. `prepare` declares and sets the prefetch;
    /// the session then subscribes to `queue` and hands the subscription to `consume`.
    func run(stop: StopFlag, consuming: (Bool) -> Void, reconnected: () -> Void = {},
             prepare: (AMQPConnection) async throws -> Void,
             consume: (AMQPConnection, QueueSubscription) async throws -> Ending) async {
        var outage = OutageLog(dependency: "rabbitmq", component: component)
        while !stop.isRaised {
            let connection: AMQPConnection
            let subscription: QueueSubscription
            do {
                connection = try await AMQPConnection.connect(amqp)
                try await prepare(connection)
                subscription = try await QueueSubscription.start(queue, quietLimit: quietLimit, on: connection)
            } catch {
                consuming(false)
                await stop.sleep(reconnect.delay(afterFailures: outage.failed(error, logger: logger)))
                continue
            }
            outage.recovered(logger: logger)
            node.connected(connection)
            consuming(true)
            let ending: Ending
            do {
                ending = try await consume(connection, subscription)
            } catch {
                let failures = outage.failed(error, logger: logger)
                node.disconnected()
                consuming(false)
                reconnected()
                await connection.close()
                await stop.sleep(reconnect.delay(afterFailures: failures))
                continue
            }
            if case .quiet = ending {
                logger.debug("reconnecting a quiet consumer", metadata: ["component": "\(component)", "queue": "\(queue)"])
            } else {
                consuming(false)
            }
            await connection.close()
        }
        node.disconnected()
        consuming(false)
    }
}
