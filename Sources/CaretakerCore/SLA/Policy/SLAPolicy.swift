/// The SLA policy: every timer kind Caretaker runs, as data (`config/sla-policy.json`).
///
/// Parsed and validated at start (`parse(_:)`); the file format is in docs/sla.md.
public struct SLAPolicy: Sendable, Equatable {
    /// The file's version; bump it on every change.
    public var version: String
    /// The timer kinds, in file order, enabled or not.
    public var timers: [TimerPolicy]

    /// Creates a policy; no validation is done here.
    public init(version: String, timers: [TimerPolicy]) {
        self.version = version
        self.timers = timers
    }

    /// The policy of `kind`, enabled or not.
    public func timer(_ kind: TimerKind) -> TimerPolicy? {
        timers.first { $0.kind == kind }
    }

    /// The kinds that start new timers.
    public var enabledTimers: [TimerPolicy] { timers.filter(\.enabled) }
}
