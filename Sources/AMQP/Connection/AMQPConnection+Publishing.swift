internal import CRabbitMQ
import Foundation

extension AMQPConnection {
    /// Puts the channel in publisher-confirm mode; from now on every publish gets a delivery tag.
    ///
    /// Confirms arrive as ``AMQPEvent/confirmed(_:)`` from ``nextEvent(timeout:)`` or
    /// ``waitForConfirms(untilAtMost:timeout:)``. Calling it twice is harmless.
    public func enableConfirms() throws {
        guard confirms == nil else { return }
        try call("confirm.select") { state in
            amqp_confirm_select(state, Self.channel)
            try check(amqp_get_rpc_reply(state), state: state, context: "confirm.select")
        }
        confirms = AMQPConfirmTracker()
    }

    /// How many publishes wait for the broker's confirm (0 without confirm mode).
    public var unconfirmedCount: Int { confirms?.outstandingCount ?? 0 }

    /// The delivery tags of publishes that wait for the broker's confirm, ascending.
    public var unconfirmedDeliveryTags: [UInt64] { confirms?.outstandingTags ?? [] }

    /// Publishes one message and returns its delivery tag (0 without confirm mode).
    ///
    /// Returning means the frames were written to the socket, not that the broker has the message:
    /// wait for its confirm. With `mandatory`, an unroutable message comes back as
    /// ``AMQPEvent/returned(_:)`` (followed by an ack for the same tag). If the broker blocked
    /// the connection or the peer is dead, the write can block; the watchdog then shuts the socket
    /// down and this throws `watchdogTimeout`.
    @discardableResult
    public func publish(
        _ body: [UInt8], exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: AMQPMessageProperties = AMQPMessageProperties()
    ) throws -> UInt64 {
        let context = "basic.publish to \(exchange.isEmpty ? "(default)" : exchange)"
        try call(context) { state in
            let arena = CArena()
            var raw = arena.properties(properties)
            let status = body.withUnsafeBytes { buffer in
                amqp_basic_publish(state, Self.channel, arena.bytes(exchange), arena.bytes(routingKey),
                                   mandatory ? 1 : 0, 0, &raw,
                                   amqp_bytes_t(len: buffer.count, bytes: UnsafeMutableRawPointer(mutating: buffer.baseAddress)))
            }
            guard status == AMQP_STATUS_OK.rawValue else { throw Self.libraryError(status, context: context) }
        }
        return confirms?.registerPublish() ?? 0
    }

    /// Reads events until at most `limit` publishes are unconfirmed and returns what it read.
    ///
    /// The returned events are every non-timeout event seen meanwhile (confirms, returns, and
    /// deliveries or cancellations if this connection also consumes), in order, so nothing is lost.
    /// With a window of N, call this with `untilAtMost: N - 1` before each publish once N are out.
    ///
    /// - Throws: ``AMQPError`` `timeout` (connection still usable) if the broker has not confirmed
    ///   enough within `timeout`, or any connection error.
    public func waitForConfirms(untilAtMost limit: Int = 0, timeout: Duration) throws -> [AMQPEvent] {
        let deadline = ContinuousClock.now + timeout
        var events: [AMQPEvent] = []
        while unconfirmedCount > limit {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                throw AMQPError(.timeout, context: "wait for confirms",
                                detail: "\(unconfirmedCount) still unconfirmed", requiresReconnect: false)
            }
            let event = try nextEvent(timeout: min(remaining, .seconds(1)))
            if case .timeout = event { continue }
            events.append(event)
        }
        return events
    }
}
