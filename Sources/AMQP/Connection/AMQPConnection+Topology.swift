internal import CRabbitMQ

extension AMQPConnection {
    /// Declares an exchange, or checks that an identical one exists.
    ///
    /// - Throws: ``AMQPError`` `channelClosed` 406 when it exists with other settings.
    public func declareExchange(
        _ name: String, type: AMQPExchangeType, durable: Bool = true, autoDelete: Bool = false,
        internal: Bool = false, arguments: AMQPTable = [:]
    ) throws {
        let context = "exchange.declare \(name)"
        try call(context) { state in
            let arena = CArena()
            amqp_exchange_declare(state, Self.channel, arena.bytes(name), arena.bytes(type.rawValue), 0,
                                  durable ? 1 : 0, autoDelete ? 1 : 0, `internal` ? 1 : 0, arena.table(arguments))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
        }
    }

    /// Checks that an exchange exists without changing anything (a passive declare).
    ///
    /// - Throws: ``AMQPError`` `channelClosed` with code 404 when it does not exist; the
    ///   connection stays usable if the channel had no consumers and no confirm mode.
    public func inspectExchange(_ name: String) throws {
        let context = "exchange.declare \(name) (passive)"
        try call(context) { state in
            let arena = CArena()
            amqp_exchange_declare(state, Self.channel, arena.bytes(name), arena.bytes(""), 1, 0, 0, 0, arena.table([:]))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
        }
    }

    /// Deletes an exchange; deleting one that does not exist succeeds.
    public func deleteExchange(_ name: String, ifUnused: Bool = false) throws {
        let context = "exchange.delete \(name)"
        try call(context) { state in
            let arena = CArena()
            amqp_exchange_delete(state, Self.channel, arena.bytes(name), ifUnused ? 1 : 0)
            try check(amqp_get_rpc_reply(state), state: state, context: context)
        }
    }

    /// Declares a queue (or checks an identical one) and reports its counts.
    ///
    /// An empty `name` asks the broker to generate one, returned in ``AMQPQueueInfo/name``.
    @discardableResult
    public func declareQueue(
        _ name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: AMQPTable = [:]
    ) throws -> AMQPQueueInfo {
        try queueDeclare(name, passive: false, durable: durable, exclusive: exclusive,
                         autoDelete: autoDelete, arguments: arguments)
    }

    /// Declares a durable quorum queue, optionally dead-lettering to `deadLetterExchange`.
    ///
    /// Sets `x-queue-type: quorum`, `x-dead-letter-exchange`, `x-dead-letter-routing-key` and
    /// `x-delivery-limit` (RabbitMQ 3.10 has no default limit: a message requeued more often than
    /// this is dead-lettered or dropped). `extraArguments` are added last and win on conflict.
    @discardableResult
    public func declareQuorumQueue(
        _ name: String, deadLetterExchange: String? = nil, deadLetterRoutingKey: String? = nil,
        deliveryLimit: Int? = nil, extraArguments: AMQPTable = [:]
    ) throws -> AMQPQueueInfo {
        var arguments: AMQPTable = ["x-queue-type": "quorum"]
        if let deadLetterExchange { arguments["x-dead-letter-exchange"] = .string(deadLetterExchange) }
        if let deadLetterRoutingKey { arguments["x-dead-letter-routing-key"] = .string(deadLetterRoutingKey) }
        if let deliveryLimit { arguments["x-delivery-limit"] = .int64(Int64(deliveryLimit)) }
        for entry in extraArguments.entries { arguments[entry.key] = entry.value }
        return try declareQueue(name, durable: true, arguments: arguments)
    }

    /// Reports an existing queue's counts without changing it (a passive declare).
    ///
    /// - Throws: ``AMQPError`` `channelClosed` with code 404 when the queue does not exist; the
    ///   connection stays usable if the channel had no consumers and no confirm mode.
    public func inspectQueue(_ name: String) throws -> AMQPQueueInfo {
        try queueDeclare(name, passive: true, durable: false, exclusive: false, autoDelete: false, arguments: [:])
    }

    /// Binds a queue to an exchange with a routing key (and arguments for a headers exchange).
    public func bindQueue(_ queue: String, exchange: String, routingKey: String, arguments: AMQPTable = [:]) throws {
        let context = "queue.bind \(queue) to \(exchange) (\(routingKey))"
        try call(context) { state in
            let arena = CArena()
            amqp_queue_bind(state, Self.channel, arena.bytes(queue), arena.bytes(exchange),
                            arena.bytes(routingKey), arena.table(arguments))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
        }
    }

    /// Removes every ready message from a queue and returns how many there were.
    @discardableResult
    public func purgeQueue(_ name: String) throws -> UInt32 {
        let context = "queue.purge \(name)"
        return try call(context) { state in
            let arena = CArena()
            let ok = amqp_queue_purge(state, Self.channel, arena.bytes(name))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
            return ok?.pointee.message_count ?? 0
        }
    }

    /// Deletes a queue and returns how many messages it held; deleting a missing queue succeeds.
    @discardableResult
    public func deleteQueue(_ name: String, ifUnused: Bool = false, ifEmpty: Bool = false) throws -> UInt32 {
        let context = "queue.delete \(name)"
        return try call(context) { state in
            let arena = CArena()
            let ok = amqp_queue_delete(state, Self.channel, arena.bytes(name), ifUnused ? 1 : 0, ifEmpty ? 1 : 0)
            try check(amqp_get_rpc_reply(state), state: state, context: context)
            return ok?.pointee.message_count ?? 0
        }
    }

    private func queueDeclare(
        _ name: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool, arguments: AMQPTable
    ) throws -> AMQPQueueInfo {
        let context = "queue.declare \(name)\(passive ? " (passive)" : "")"
        return try call(context) { state in
            let arena = CArena()
            let ok = amqp_queue_declare(state, Self.channel, arena.bytes(name), passive ? 1 : 0, durable ? 1 : 0,
                                        exclusive ? 1 : 0, autoDelete ? 1 : 0, arena.table(arguments))
            try check(amqp_get_rpc_reply(state), state: state, context: context)
            guard let ok else { throw AMQPError(.protocolError, context: context, detail: "no declare-ok") }
            return AMQPQueueInfo(name: CDecoding.string(ok.pointee.queue), messageCount: ok.pointee.message_count,
                                 consumerCount: ok.pointee.consumer_count)
        }
    }
}
