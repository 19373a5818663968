import AMQP
import CaretakerCore

/// Compares a broker's live topology with RabbitMQ definitions (`deploy/rabbitmq/definitions.json`,
/// the format of `Topology.definitionsJSON`) and says what is missing or different.
///
/// Only AMQP is used, and nothing is created: each exchange and queue is first declared
/// passively (404 means missing); one that exists is then declared again with the settings of the
/// definitions, which the broker accepts as a no-op when they match and refuses with 406 when
/// they differ. AMQP 0-9-1 cannot list bindings, so they are counted, not checked — a missing
/// binding shows up as events returned unroutable (`caretaker_outbox_returned`), and
/// `rabbitmqctl list_bindings` lists them.
public struct TopologyCheck: Sendable {
    /// An exchange the definitions name.
    public struct Exchange: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Its type (`topic`, `fanout`, …).
        public var type: String
    }

    /// A queue the definitions name, with the arguments to compare.
    public struct Queue: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Its `x-…` arguments.
        public var arguments: AMQPTable
    }

    /// What the check found about one exchange or queue.
    public struct Finding: Sendable, Equatable {
        /// `present`, `missing` or `different`.
        public enum Status: String, Sendable {
            /// It exists with the expected settings.
            case present
            /// The broker does not have it.
            case missing
            /// It exists with other settings (the broker's reason in `detail`).
            case different
        }

        /// `exchange` or `queue`.
        public var kind: String
        /// Its name.
        public var name: String
        /// The verdict.
        public var status: Status
        /// The broker's reply text for `different`, else empty.
        public var detail: String
    }

    /// Why a definitions document cannot be used.
    public struct DefinitionsError: Error, CustomStringConvertible {
        /// What is wrong, naming the entry.
        public let description: String
    }

    /// The exchanges to check.
    public var exchanges: [Exchange]
    /// The queues to check.
    public var queues: [Queue]
    /// How many bindings the definitions list (not checkable over AMQP).
    public var bindingCount: Int

    /// Reads a RabbitMQ definitions document (`exchanges`, `queues`, `bindings`).
    public init(definitions bytes: [UInt8]) throws(DefinitionsError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw DefinitionsError(description: "not JSON: \(error)")
        }
        exchanges = []
        queues = []
        for (index, entry) in Self.array(root["exchanges"]).enumerated() {
            guard case .string(let name)? = entry["name"], case .string(let type)? = entry["type"] else {
                throw DefinitionsError(description: "exchanges[\(index)] needs a name and a type")
            }
            exchanges.append(Exchange(name: name, type: type))
        }
        for (index, entry) in Self.array(root["queues"]).enumerated() {
            guard case .string(let name)? = entry["name"] else {
                throw DefinitionsError(description: "queues[\(index)] needs a name")
            }
            var arguments = AMQPTable()
            if case .object(let members)? = entry["arguments"] {
                for member in members {
                    switch member.value {
                    case .string(let text): arguments[member.key] = .string(text)
                    case .number(let number) where number == number.rounded(): arguments[member.key] = .int64(Int64(number))
                    case .bool(let flag): arguments[member.key] = .bool(flag)
                    default:
                        throw DefinitionsError(description: "queues[\(index)].arguments.\(member.key) is not a string, integer or boolean")
                    }
                }
            }
            queues.append(Queue(name: name, arguments: arguments))
        }
        bindingCount = Self.array(root["bindings"]).count
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// Checks every exchange, then every queue, on `connection` (which must not be consuming or in
    /// confirm mode: a 404 closes the channel, and only such a channel is reopened).
    public func run(on connection: isolated AMQPConnection) throws -> [Finding] {
        var findings: [Finding] = []
        for exchange in exchanges {
            findings.append(try Self.verdict(kind: "exchange", name: exchange.name, exists: {
                try connection.inspectExchange(exchange.name)
            }, matches: {
                try connection.declareExchange(exchange.name, type: AMQPExchangeType(rawValue: exchange.type))
            }))
        }
        for queue in queues {
            findings.append(try Self.verdict(kind: "queue", name: queue.name, exists: {
                _ = try connection.inspectQueue(queue.name)
            }, matches: {
                try connection.declareQueue(queue.name, durable: true, arguments: queue.arguments)
            }))
        }
        return findings
    }

    private static func verdict(kind: String, name: String, exists: () throws -> Void,
                                matches: () throws -> Void) throws -> Finding {
        do {
            try exists()
        } catch let error as AMQPError where error.kind == .channelClosed && error.code == 404 && !error.requiresReconnect {
            return Finding(kind: kind, name: name, status: .missing, detail: "")
        }
        do {
            try matches()
        } catch let error as AMQPError where error.kind == .channelClosed && error.code == 406 && !error.requiresReconnect {
            return Finding(kind: kind, name: name, status: .different, detail: error.detail)
        }
        return Finding(kind: kind, name: name, status: .present, detail: "")
    }
}
