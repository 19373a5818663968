import AMQP
import CaretakerCore

/// Copies of the events the consoles receive, for `caretaker watch`: a diagnostic reader that
/// never takes anything away from a console.
///
/// Each watched audience gets a queue of the tap's own — server-named, exclusive and
/// auto-deleted with the connection — bound to the events exchange with the same bindings as that
/// audience's console queue, so the broker routes every event to both. Dead letters are tapped
/// the same way from the dead-letter exchange. The consoles' queues are never consumed, and a
/// tap sees only what is published while it runs.
public struct WatchTap: Sendable {
    /// What the tap reads: one entry per tapped source.
    public struct Source: Sendable, Equatable {
        /// The console queue (or the dead-letter queue) whose copy this is.
        public var shadows: String
        /// The bindings copied from it.
        public var bindings: [Topology.Binding]
    }

    /// The tapped sources, in the order they were asked for.
    public let sources: [Source]

    /// A tap on `audiences`' console queues, and on the dead letters when `deadLetters` is set.
    ///
    /// The bindings come from `topology`, so the tap follows any change to the consoles' routing.
    public init(audiences: [EventAudience], deadLetters: Bool, topology: Topology) {
        var names = audiences.map(Topology.eventQueue(for:))
        if deadLetters { names.append(Topology.deadLetterQueue) }
        sources = names.compactMap { name in
            topology.queues.first { $0.name == name }.map { Source(shadows: name, bindings: $0.bindings) }
        }
    }

    /// Checks the exchanges of `topology` exist (passively: the ops party may not configure
    /// Caretaker's exchanges, only the worker declares them), declares one exclusive queue per
    /// source with its bindings, and consumes them; returns the generated queue names by shadowed
    /// queue. A missing exchange (no worker has started yet) closes the channel with 404 NOT_FOUND.
    @discardableResult
    public func start(on connection: isolated AMQPConnection, topology: Topology) throws -> [String: String] {
        for exchange in topology.exchanges {
            try connection.inspectExchange(exchange.name)
        }
        try connection.setPrefetch(count: 200)
        var queues: [String: String] = [:]
        for source in sources {
            let queue = try connection.declareQueue("", durable: false, exclusive: true, autoDelete: true).name
            for binding in source.bindings {
                try connection.bindQueue(queue, exchange: binding.exchange, routingKey: binding.routingKey)
            }
            try connection.consume(queue: queue, exclusive: true)
            queues[source.shadows] = queue
        }
        return queues
    }
}
