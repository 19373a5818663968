internal import CRabbitMQ

/// Owns one rabbitmq-c connection state and its watchdog, and frees them together.
///
/// @unchecked Sendable: rabbitmq-c state is not thread-safe, and this holder is only used from the
/// owning ``AMQPConnection`` actor, whose jobs all run on one dedicated thread; `deinit` runs when
/// no other reference remains, so it cannot race with a call.
final class AMQPConnectionHandle: @unchecked Sendable {
    let state: amqp_connection_state_t
    var watchdog: AMQPWatchdog?
    var socketOpened = false

    init() throws {
        guard let state = amqp_new_connection() else {
            throw AMQPError(.connectionFailed, context: "connect", detail: "out of memory")
        }
        self.state = state
    }

    deinit {
        // Stop the watchdog first: once the state is destroyed the descriptor may be reused.
        watchdog?.stop()
        amqp_destroy_connection(state)
    }
}
