import AMQP
import CaretakerCore
import Foundation

/// The exchanges, quorum queues and bindings Caretaker declares on start, and exports as
/// `deploy/rabbitmq/definitions.json` for ops who pre-provision the broker.
///
/// Declaring is idempotent; a queue that exists with other arguments makes the broker refuse
/// (406 PRECONDITION_FAILED), which stops the worker with a clear error instead of running on a
/// half-matching topology.
public struct Topology: Sendable, Equatable {
    /// An exchange to declare.
    public struct Exchange: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// `topic` or `fanout`.
        public var type: String
    }

    /// A durable quorum queue with its dead-letter settings and bindings.
    public struct Queue: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Where rejected or over-delivered messages go.
        public var deadLetterExchange: String?
        /// How often a message may be redelivered before it is dead-lettered.
        public var deliveryLimit: Int?
        /// The most ready messages the queue holds; beyond it the broker refuses new publishes
        /// (`x-overflow: reject-publish`, a negative confirm), so the outbox keeps them and retries.
        public var maxLength: Int? = nil
        /// (exchange, routing key) pairs.
        public var bindings: [Binding]
    }

    /// A binding of a queue to an exchange.
    public struct Binding: Sendable, Equatable {
        /// The exchange.
        public var exchange: String
        /// The routing key or pattern.
        public var routingKey: String
    }

    /// The intake queue's name.
    public static let intakeQueue = "caretaker.intake"
    /// The command queue's name.
    public static let commandQueue = "caretaker.commands"
    /// The dead-letter queue's name.
    public static let deadLetterQueue = "caretaker.dead-letters"

    /// The queue a console of `audience` consumes.
    public static func eventQueue(for audience: EventAudience) -> String {
        "caretaker.events.\(audience.rawValue)"
    }

    /// How many events a console's queue holds by default before the broker refuses more
    /// (`outbox.console_queue_max_length`): about a week of a large estate's traffic.
    public static let defaultConsoleQueueMaxLength = 100_000

    /// The exchanges.
    public var exchanges: [Exchange]
    /// The queues with their bindings.
    public var queues: [Queue]
    /// How many cluster nodes each quorum queue is replicated on when first declared
    /// (`x-quorum-initial-group-size`); `nil` declares no argument and leaves the broker's default.
    public var quorumInitialGroupSize: Int? = nil

    /// Caretaker's topology with the given delivery limit for the intake, command and event queues,
    /// and the given length limit for the consoles' event queues.
    ///
    /// A console that is down leaves its queue to fill up; at `consoleQueueMaxLength` the broker
    /// refuses further events for it, which stay in the outbox (retried with backoff) instead of
    /// growing the queue until a memory or disk alarm blocks every publisher.
    ///
    /// `quorumInitialGroupSize` (e.g. 3 on a 3-node cluster) becomes every queue's
    /// `x-quorum-initial-group-size`.
    public static func caretaker(
        deliveryLimit: Int = 5, consoleQueueMaxLength: Int = defaultConsoleQueueMaxLength,
        quorumInitialGroupSize: Int? = nil
    ) -> Topology {
        let deadLetters = ExchangeName.deadLetters
        var queues = [
            Queue(name: intakeQueue, deadLetterExchange: deadLetters, deliveryLimit: deliveryLimit, bindings: [
                Binding(exchange: ExchangeName.intake, routingKey: IntakeMessage.Kind.complaint.rawValue),
                Binding(exchange: ExchangeName.intake, routingKey: IntakeMessage.Kind.repair.rawValue),
            ]),
            Queue(name: commandQueue, deadLetterExchange: deadLetters, deliveryLimit: deliveryLimit, bindings: [
                Binding(exchange: ExchangeName.commands, routingKey: "#"),
            ]),
            Queue(name: deadLetterQueue, deadLetterExchange: nil, deliveryLimit: nil, bindings: [
                Binding(exchange: deadLetters, routingKey: ""),
            ]),
        ]
        for audience in EventAudience.allCases {
            queues.append(Queue(
                name: eventQueue(for: audience), deadLetterExchange: deadLetters, deliveryLimit: deliveryLimit,
                maxLength: consoleQueueMaxLength, bindings: [Binding(exchange: ExchangeName.events, routingKey: "\(audience.rawValue).#")]))
        }
        return Topology(
            exchanges: [
                Exchange(name: ExchangeName.intake, type: "topic"),
                Exchange(name: ExchangeName.events, type: "topic"),
                Exchange(name: ExchangeName.commands, type: "topic"),
                Exchange(name: deadLetters, type: "fanout"),
            ],
            queues: queues, quorumInitialGroupSize: quorumInitialGroupSize)
    }

    /// Declares everything on `connection`.
    public func declare(on connection: isolated AMQPConnection) throws {
        for exchange in exchanges {
            try connection.declareExchange(exchange.name, type: AMQPExchangeType(rawValue: exchange.type))
        }
        for queue in queues {
            try connection.declareQuorumQueue(
                queue.name, deadLetterExchange: queue.deadLetterExchange, deliveryLimit: queue.deliveryLimit,
                extraArguments: AMQPTable(queue.lengthArguments.entries + groupSizeArguments.entries))
            for binding in queue.bindings {
                try connection.bindQueue(queue.name, exchange: binding.exchange, routingKey: binding.routingKey)
            }
        }
    }

    /// The topology in RabbitMQ's definitions format (for `rabbitmqctl import_definitions` or
    /// the management API), pretty-printed with sorted keys so the committed file diffs well.
    public func definitionsJSON(vhost: String = "/") throws -> String {
        let exchangeList: [[String: Any]] = exchanges.map {
            ["name": $0.name, "vhost": vhost, "type": $0.type, "durable": true, "auto_delete": false,
             "internal": false, "arguments": [String: Any]()]
        }
        let queueList: [[String: Any]] = queues.map { queue in
            var arguments: [String: Any] = ["x-queue-type": "quorum"]
            if let size = quorumInitialGroupSize { arguments["x-quorum-initial-group-size"] = size }
            if let exchange = queue.deadLetterExchange { arguments["x-dead-letter-exchange"] = exchange }
            if let limit = queue.deliveryLimit { arguments["x-delivery-limit"] = limit }
            if let length = queue.maxLength {
                arguments["x-max-length"] = length
                arguments["x-overflow"] = "reject-publish"
            }
            return ["name": queue.name, "vhost": vhost, "durable": true, "auto_delete": false, "arguments": arguments]
        }
        let bindingList: [[String: Any]] = queues.flatMap { queue in
            queue.bindings.map {
                ["source": $0.exchange, "vhost": vhost, "destination": queue.name, "destination_type": "queue",
                 "routing_key": $0.routingKey, "arguments": [String: Any]()]
            }
        }
        let document: [String: Any] = [
            "vhosts": [["name": vhost]], "exchanges": exchangeList, "queues": queueList, "bindings": bindingList,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension Topology {
    /// `x-quorum-initial-group-size` when the topology names a group size.
    var groupSizeArguments: AMQPTable {
        guard let quorumInitialGroupSize else { return [:] }
        return ["x-quorum-initial-group-size": .int64(Int64(quorumInitialGroupSize))]
    }
}

extension Topology.Queue {
    /// `x-max-length` and `x-overflow: reject-publish` when the queue has a length limit.
    var lengthArguments: AMQPTable {
        guard let maxLength else { return [:] }
        return ["x-max-length": .int64(Int64(maxLength)), "x-overflow": .string("reject-publish")]
    }
}
