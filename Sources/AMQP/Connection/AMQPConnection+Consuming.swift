internal import CRabbitMQ

extension AMQPConnection {
    /// Limits how many unacknowledged deliveries the broker sends this channel's consumers.
    public func setPrefetch(count: UInt16) throws {
        try call("basic.qos \(count)") { state in
            amqp_basic_qos(state, Self.channel, 0, count, 0)
            try check(amqp_get_rpc_reply(state), state: state, context: "basic.qos")
        }
    }

    /// Starts a consumer with manual acknowledgements and returns its consumer tag.
    ///
    /// Deliveries then arrive through ``nextEvent(timeout:)``. An empty `consumerTag` lets the
    /// broker choose one. `arguments` may carry, for example, `x-priority`.
    @discardableResult
    public func consume(
        queue: String, consumerTag: String = "", exclusive: Bool = false, arguments: AMQPTable = [:]
    ) throws -> String {
        let context = "basic.consume \(queue)"
        let tag = try call(context) { state in
            let arena = CArena()
            let ok = amqp_basic_consume(state, Self.channel, arena.bytes(queue), arena.bytes(consumerTag), 0, 0,
                                        exclusive ? 1 : 0, arena.table(arguments))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
            return ok.map { CDecoding.string($0.pointee.consumer_tag) } ?? consumerTag
        }
        consumerTags.insert(tag)
        return tag
    }

    /// Stops a consumer; deliveries already sent still arrive and must be settled.
    public func cancel(consumerTag: String) throws {
        let context = "basic.cancel \(consumerTag)"
        try call(context) { state in
            let arena = CArena()
            amqp_basic_cancel(state, Self.channel, arena.bytes(consumerTag))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
        }
        consumerTags.remove(consumerTag)
    }

    /// Acknowledges a delivery, or with `multiple` every unsettled delivery up to and including it.
    public func ack(_ deliveryTag: UInt64, multiple: Bool = false) throws {
        try settle("basic.ack") { amqp_basic_ack($0, Self.channel, deliveryTag, multiple ? 1 : 0) }
    }

    /// Refuses a delivery (or with `multiple` all up to it): requeued, or dead-lettered/dropped.
    public func nack(_ deliveryTag: UInt64, multiple: Bool = false, requeue: Bool) throws {
        try settle("basic.nack") { amqp_basic_nack($0, Self.channel, deliveryTag, multiple ? 1 : 0, requeue ? 1 : 0) }
    }

    /// Refuses one delivery: requeued, or dead-lettered/dropped.
    public func reject(_ deliveryTag: UInt64, requeue: Bool) throws {
        try settle("basic.reject") { amqp_basic_reject($0, Self.channel, deliveryTag, requeue ? 1 : 0) }
    }

    private func settle(_ context: String, _ send: (amqp_connection_state_t) -> Int32) throws {
        try call(context) { state in
            let status = send(state)
            guard status == AMQP_STATUS_OK.rawValue else { throw Self.libraryError(status, context: context) }
        }
    }

    /// Waits up to `timeout` for the next thing the broker sends and returns it.
    ///
    /// Keep `timeout` short (about 1 s) and call this in a loop: heartbeats are only sent and
    /// checked inside it. Returns ``AMQPEvent/timeout`` when nothing arrived. A channel or
    /// connection close from the broker, a missed heartbeat or a socket failure throws an
    /// ``AMQPError`` (with the reply code) and leaves the connection failed.
    public func nextEvent(timeout: Duration) throws -> AMQPEvent {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = max(.milliseconds(1), deadline - ContinuousClock.now)
            if let event = try readOne(timeout: remaining) { return event }
            if ContinuousClock.now >= deadline { return .timeout }
        }
    }

    /// Reads one frame's worth; `nil` when it was a frame with nothing to report.
    private func readOne(timeout: Duration) throws -> AMQPEvent? {
        try call("wait for events", extra: timeout) { state in
            amqp_maybe_release_buffers(state)
            var envelope = amqp_envelope_t()
            var wait = Self.timeval(timeout)
            let reply = amqp_consume_message(state, &envelope, &wait, 0)
            if reply.reply_type == AMQP_RESPONSE_NORMAL {
                defer { amqp_destroy_envelope(&envelope) }
                return .delivery(AMQPDelivery(
                    deliveryTag: envelope.delivery_tag, consumerTag: CDecoding.string(envelope.consumer_tag),
                    redelivered: envelope.redelivered != 0, exchange: CDecoding.string(envelope.exchange),
                    routingKey: CDecoding.string(envelope.routing_key),
                    properties: CDecoding.properties(envelope.message.properties),
                    body: CDecoding.data(envelope.message.body)))
            }
            guard reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION else {
                try check(reply, state: state, context: "basic.consume")
                return nil
            }
            switch reply.library_error {
            case AMQP_STATUS_TIMEOUT.rawValue: return .timeout
            case AMQP_STATUS_UNEXPECTED_STATE.rawValue: return try readOtherFrame(state)
            default: throw Self.libraryError(reply.library_error, context: "wait for events")
            }
        }
    }
}
