import Synchronization

/// Decides `/readyz`: ready only while both consumers are consuming and the database answered
/// recently, and says what needs a person even while ready.
///
/// Stuck work that restarting the worker would not fix — events the broker returned unroutable
/// or refused because a console's queue is full, timers waiting for a calendar — is reported in `warnings` and `detail` without making the
/// worker unready: it still takes in reports and commands, and the other audiences still get
/// their events.
public final class Readiness: Sendable {
    /// What `/readyz` reports.
    public struct Verdict: Sendable, Equatable {
        /// What is missing; empty when ready.
        public var missing: [String]
        /// The node each connection is on, by component (`intake`, `commands`, `relay`:
        /// RabbitMQ `host:port`; `postgres`: the database server of the metrics session);
        /// a component that is not connected is left out.
        public var connections: [String: String] = [:]
        /// The latest sampled figures (`outbox_returned`, `outbox_refused`, `timers_needing_calendar`); empty until
        /// the metrics sampler first answered.
        public var detail: [String: Int] = [:]
        /// Whether the worker is ready.
        public var isReady: Bool { missing.isEmpty }
        /// The figures in `detail` that are above zero, by name.
        public var warnings: [String] { detail.filter { $0.value > 0 }.keys.sorted() }

        /// The JSON body: `{"ready":true}` or `{"ready":false,"missing":["intake_consuming"]}`,
        /// then, when known, `"connections":{"intake":"127.0.0.1:56731",…}`, and, once sampled,
        /// `"warnings":[…],"detail":{"outbox_returned":0,…}`.
        public var json: String {
            var body = isReady ? #"{"ready":true"# : #"{"ready":false,"missing":"# + Self.list(missing)
            if !connections.isEmpty {
                body += #","connections":{"# + connections.keys.sorted().map { "\"\($0)\":\"\(connections[$0]!)\"" }
                    .joined(separator: ",") + "}"
            }
            if !detail.isEmpty {
                body += #","warnings":"# + Self.list(warnings) + #","detail":{"#
                    + detail.keys.sorted().map { "\"\($0)\":\(detail[$0]!)" }.joined(separator: ",") + "}"
            }
            return body + "}\n"
        }

        private static func list(_ names: [String]) -> String {
            "[" + names.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
    }

    private let intakeConsuming: @Sendable () -> Bool
    private let commandsConsuming: @Sendable () -> Bool
    private let maximumDatabaseAge: Duration
    private let brokerNodes: @Sendable () -> [String: String]
    private let lastDatabaseSuccess = Mutex<ContinuousClock.Instant?>(nil)
    private let databaseNode = Mutex<String?>(nil)
    private let figures = Mutex<[String: Int]>([:])

    /// Creates a check over the consumers' flags (e.g. `IntakeStatistics.isConsuming`);
    /// a database round trip older than `maximumDatabaseAge` counts as missing. `brokerNodes`
    /// names the RabbitMQ node of each connected component (e.g. from
    /// `IntakeStatistics.brokerNode`).
    public init(intakeConsuming: @escaping @Sendable () -> Bool, commandsConsuming: @escaping @Sendable () -> Bool,
                maximumDatabaseAge: Duration = .seconds(30),
                brokerNodes: @escaping @Sendable () -> [String: String] = { [:] }) {
        self.intakeConsuming = intakeConsuming
        self.commandsConsuming = commandsConsuming
        self.maximumDatabaseAge = maximumDatabaseAge
        self.brokerNodes = brokerNodes
    }

    /// Notes a successful database round trip (the metrics sampler's queries), and the server
    /// (`host:port`) that answered it when known.
    public func databaseAnswered(at instant: ContinuousClock.Instant = .now, node: String? = nil) {
        lastDatabaseSuccess.withLock { $0 = instant }
        if let node { databaseNode.withLock { $0 = node } }
    }

    /// Notes the sampled figures that need a person: unsent events the broker last returned as
    /// unroutable, unsent events it refused (a console's queue is full), and timers waiting for a
    /// calendar. Returns the figures noted before (empty the first time), so the caller can log
    /// when one rises from zero.
    @discardableResult
    public func noteStuckWork(outboxReturned: Int, outboxRefused: Int = 0, timersNeedingCalendar: Int) -> [String: Int] {
        figures.withLock { figures in
            let before = figures
            figures = ["outbox_returned": outboxReturned, "outbox_refused": outboxRefused,
                       "timers_needing_calendar": timersNeedingCalendar]
            return before
        }
    }

    /// The verdict now.
    public func verdict(now: ContinuousClock.Instant = .now) -> Verdict {
        var missing: [String] = []
        if !intakeConsuming() { missing.append("intake_consuming") }
        if !commandsConsuming() { missing.append("commands_consuming") }
        let last = lastDatabaseSuccess.withLock { $0 }
        if last.map({ now - $0 > maximumDatabaseAge }) ?? true { missing.append("database_round_trip") }
        var connections = brokerNodes()
        if let node = databaseNode.withLock({ $0 }) { connections["postgres"] = node }
        return Verdict(missing: missing, connections: connections, detail: figures.withLock { $0 })
    }
}
