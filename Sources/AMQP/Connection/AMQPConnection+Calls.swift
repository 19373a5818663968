internal import CRabbitMQ
import Foundation

extension AMQPConnection {
    /// Runs one library call under the watchdog and turns failures into a failed connection.
    ///
    /// `extra` lengthens the watchdog deadline for calls that wait on purpose (event polling).
    func call<T>(_ context: @autoclosure () -> String, extra: Duration = .zero,
                 _ body: (amqp_connection_state_t) throws -> T) throws -> T {
        guard let handle, failureError == nil else {
            throw AMQPError(.notConnected, code: failureError?.code ?? 0, context: context(),
                            detail: failureError.map { "connection failed earlier: \($0)" } ?? "connection is not open")
        }
        handle.watchdog?.arm(for: configuration.watchdogDeadline + extra)
        do {
            let result = try body(handle.state)
            if handle.watchdog?.disarm() == true {
                throw AMQPError(.watchdogTimeout, context: context(), detail: "socket shut down after a blocked call")
            }
            return result
        } catch let error as AMQPError {
            var final = error
            if handle.watchdog?.disarm() == true {
                final = AMQPError(.watchdogTimeout, code: error.code, context: error.context,
                                  detail: "call blocked longer than \(configuration.watchdogDeadline + extra); socket shut down")
            }
            if final.requiresReconnect { fail(final) }
            throw final
        }
    }

    /// Marks the connection failed and frees the socket; unconfirmed publishes are abandoned.
    func fail(_ error: AMQPError) {
        guard failureError == nil else { return }
        failureError = error
        _ = confirms?.abandonAll()
        consumerTags.removeAll()
        handle = nil
    }

    /// Throws unless a synchronous reply is normal; answers the broker's close with close-ok.
    func check(_ reply: amqp_rpc_reply_t, state: amqp_connection_state_t, context: String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw Self.libraryError(reply.library_error, context: context)
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            throw brokerClose(reply.reply, state: state, context: context)
        default:
            throw AMQPError(.protocolError, context: context, detail: "no reply")
        }
    }

    /// Handles a channel.close or connection.close from the broker and returns the error to throw.
    ///
    /// A closed channel is reopened when it carried no consumers and no confirm mode, which keeps
    /// the connection usable after, for example, a 404 on a passive declare.
    func brokerClose(_ method: amqp_method_t, state: amqp_connection_state_t, context: String) -> AMQPError {
        switch method.id {
        case CARETAKER_CONNECTION_CLOSE:
            let close = method.decoded.map { $0.assumingMemoryBound(to: amqp_connection_close_t.self).pointee }
            var ok = amqp_connection_close_ok_t()
            _ = amqp_send_method(state, 0, CARETAKER_CONNECTION_CLOSE_OK, &ok)
            return AMQPError(.connectionClosed, code: Int(close?.reply_code ?? 0), context: context,
                             detail: close.map { CDecoding.string($0.reply_text) } ?? "")
        case CARETAKER_CHANNEL_CLOSE:
            let close = method.decoded.map { $0.assumingMemoryBound(to: amqp_channel_close_t.self).pointee }
            let code = Int(close?.reply_code ?? 0)
            let text = close.map { CDecoding.string($0.reply_text) } ?? ""
            var ok = amqp_channel_close_ok_t()
            _ = amqp_send_method(state, Self.channel, CARETAKER_CHANNEL_CLOSE_OK, &ok)
            var reopened = false
            if confirms == nil && consumerTags.isEmpty {
                amqp_channel_open(state, Self.channel)
                reopened = amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL
            }
            return AMQPError(.channelClosed, code: code, context: context, detail: text, requiresReconnect: !reopened)
        default:
            return AMQPError(.protocolError, code: Int(method.id), context: context, detail: "unexpected method")
        }
    }

    /// Translates a rabbitmq-c status into an error kind.
    static func libraryError(_ status: Int32, context: String) -> AMQPError {
        let message = amqp_error_string2(status).map { String(cString: $0) } ?? "unknown"
        let kind: AMQPError.Kind
        switch status {
        case AMQP_STATUS_TIMEOUT.rawValue: kind = .timeout
        case ...(-0x0200): kind = .tlsFailed
        case AMQP_STATUS_UNEXPECTED_STATE.rawValue, AMQP_STATUS_BAD_AMQP_DATA.rawValue,
             AMQP_STATUS_UNKNOWN_CLASS.rawValue, AMQP_STATUS_UNKNOWN_METHOD.rawValue:
            kind = .protocolError
        default: kind = .connectionLost
        }
        return AMQPError(kind, code: Int(status), context: context, detail: message)
    }

    static func timeval(_ duration: Duration) -> timeval {
        let parts = duration.components
        return Glibc.timeval(tv_sec: Int(parts.seconds), tv_usec: Int(parts.attoseconds / 1_000_000_000_000))
    }
}
