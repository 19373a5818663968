import AMQP
import Logging

/// The connect → prepare → consume → reconnect loop both consumers share.
///
/// A failure while connecting, declaring or consuming closes the connection (the broker then
/// requeues whatever was delivered but not acked), is logged once per outage, and is retried
/// after the policy's backoff, until `stop` is raised.
struct ConsumerSession {
    let amqp: AMQPConfiguration
    let reconnect: AMQPReconnectPolicy
    let component: String
    let logger: Logger

    /// Runs until `stop` is raised; `consuming` reports when consumption starts and stops,
    /// `reconnected` each reconnect after a failure.
    func run(stop: StopFlag, consuming: (Bool) -> Void, reconnected: () -> Void = {},
             prepare: (AMQPConnection) async throws -> Void,
             consume: (AMQPConnection) async throws -> Void) async {
        var outage = OutageLog(dependency: "rabbitmq", component: component)
        while !stop.isRaised {
            let connection: AMQPConnection
            do {
                connection = try await AMQPConnection.connect(amqp)
                try await prepare(connection)
            } catch {
                consuming(false)
                await stop.sleep(reconnect.delay(afterFailures: outage.failed(error, logger: logger)))
                continue
            }
            outage.recovered(logger: logger)
            consuming(true)
            do {
                try await consume(connection)
            } catch {
                let failures = outage.failed(error, logger: logger)
                consuming(false)
                reconnected()
                await connection.close()
                await stop.sleep(reconnect.delay(afterFailures: failures))
                continue
            }
            consuming(false)
            await connection.close()
        }
    }
}
