import Synchronization

/// Decides `/readyz`: ready only while both consumers are consuming and the database answered
/// recently.
public final class Readiness: Sendable {
    /// What `/readyz` reports.
    public struct Verdict: Sendable, Equatable {
        /// What is missing; empty when ready.
        public var missing: [String]
        /// Whether the worker is ready.
        public var isReady: Bool { missing.isEmpty }

        /// The JSON body: `{"ready":true}` or `{"ready":false,"missing":["intake_consuming"]}`.
        public var json: String {
            guard !isReady else { return #"{"ready":true}"# + "\n" }
            return #"{"ready":false,"missing":["# + missing.map { "\"\($0)\"" }.joined(separator: ",") + "]}\n"
        }
    }

    private let intakeConsuming: @Sendable () -> Bool
    private let commandsConsuming: @Sendable () -> Bool
    private let maximumDatabaseAge: Duration
    private let lastDatabaseSuccess = Mutex<ContinuousClock.Instant?>(nil)

    /// Creates a check over the consumers' flags (e.g. `IntakeStatistics.isConsuming`);
    /// a database round trip older than `maximumDatabaseAge` counts as missing.
    public init(intakeConsuming: @escaping @Sendable () -> Bool, commandsConsuming: @escaping @Sendable () -> Bool,
                maximumDatabaseAge: Duration = .seconds(30)) {
        self.intakeConsuming = intakeConsuming
        self.commandsConsuming = commandsConsuming
        self.maximumDatabaseAge = maximumDatabaseAge
    }

    /// Notes a successful database round trip (the metrics sampler's queries).
    public func databaseAnswered(at instant: ContinuousClock.Instant = .now) {
        lastDatabaseSuccess.withLock { $0 = instant }
    }

    /// The verdict now.
    public func verdict(now: ContinuousClock.Instant = .now) -> Verdict {
        var missing: [String] = []
        if !intakeConsuming() { missing.append("intake_consuming") }
        if !commandsConsuming() { missing.append("commands_consuming") }
        let last = lastDatabaseSuccess.withLock { $0 }
        if last.map({ now - $0 > maximumDatabaseAge }) ?? true { missing.append("database_round_trip") }
        return Verdict(missing: missing)
    }
}
