internal import CRabbitMQ

extension AMQPConnection {
    /// Reads and interprets a frame that is not a delivery: confirms, returns, cancellations,
    /// flow control and closes. Returns `nil` for frames with nothing to report.
    func readOtherFrame(_ state: amqp_connection_state_t) throws -> AMQPEvent? {
        let context = "read frame"
        var frame = amqp_frame_t()
        let status = amqp_simple_wait_frame(state, &frame)
        guard status == AMQP_STATUS_OK.rawValue else { throw Self.libraryError(status, context: context) }
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else {
            if frame.frame_type == UInt8(AMQP_FRAME_HEARTBEAT) { return nil }
            throw AMQPError(.protocolError, code: Int(frame.frame_type), context: context, detail: "content frame without a method")
        }
        let method = frame.payload.method
        switch method.id {
        case CARETAKER_BASIC_ACK:
            let ack = try decoded(method, as: amqp_basic_ack_t.self, context: context)()
            guard var tracker = confirms else { return nil }
            let confirmation = tracker.handleAck(deliveryTag: ack.delivery_tag, multiple: ack.multiple != 0)
            confirms = tracker
            return .confirmed(confirmation)
        case CARETAKER_BASIC_NACK:
            let nack = try decoded(method, as: amqp_basic_nack_t.self, context: context)()
            guard var tracker = confirms else { return nil }
            let confirmation = tracker.handleNack(deliveryTag: nack.delivery_tag, multiple: nack.multiple != 0)
            confirms = tracker
            return .confirmed(confirmation)
        case CARETAKER_BASIC_RETURN:
            let returned = try decoded(method, as: amqp_basic_return_t.self, context: context)()
            let replyText = CDecoding.string(returned.reply_text)
            let exchange = CDecoding.string(returned.exchange)
            let routingKey = CDecoding.string(returned.routing_key)
            var message = amqp_message_t()
            try check(amqp_read_message(state, frame.channel, &message, 0), state: state, context: "read returned message")
            defer { amqp_destroy_message(&message) }
            return .returned(AMQPReturnedMessage(
                replyCode: returned.reply_code, replyText: replyText, exchange: exchange, routingKey: routingKey,
                properties: CDecoding.properties(message.properties), body: CDecoding.data(message.body)))
        case CARETAKER_BASIC_CANCEL:
            let cancel = try decoded(method, as: amqp_basic_cancel_t.self, context: context)()
            let tag = CDecoding.string(cancel.consumer_tag)
            consumerTags.remove(tag)
            return .consumerCancelled(consumerTag: tag)
        case CARETAKER_CONNECTION_BLOCKED:
            let blocked = try decoded(method, as: amqp_connection_blocked_t.self, context: context)()
            return .blocked(reason: CDecoding.string(blocked.reason))
        case CARETAKER_CONNECTION_UNBLOCKED:
            return .unblocked
        case CARETAKER_CHANNEL_CLOSE, CARETAKER_CONNECTION_CLOSE:
            // Consumer or confirm state is gone with the channel, so the connection must be replaced.
            let error = brokerClose(method, state: state, context: "broker closed \(method.id == CARETAKER_CHANNEL_CLOSE ? "channel" : "connection")")
            throw AMQPError(error.kind, code: error.code, context: error.context, detail: error.detail, requiresReconnect: true)
        default:
            return nil
        }
    }

    private func decoded<T>(_ method: amqp_method_t, as type: T.Type, context: String) -> () throws -> T {
        {
            guard let pointer = method.decoded else {
                throw AMQPError(.protocolError, code: Int(method.id), context: context, detail: "method without fields")
            }
            return pointer.assumingMemoryBound(to: T.self).pointee
        }
    }
}
