/// Some timers of a case change could not be planned because their working-day deadline needs a
/// year with no calendar; carries everything else that was planned.
///
/// The case itself must not be lost over this. Recommended handling (docs/sla.md): apply
/// `changes`, record each of `unplanned` as a `needs_calendar` timer, alert ops, and re-plan those
/// with `TimerPlanner.schedule` once the calendar file is deployed.
public struct TimerPlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A timer that should have started but whose deadline could not be computed.
    public struct Unplanned: Sendable, Equatable {
        /// The timer kind.
        public var kind: TimerKind
        /// When its budget started.
        public var startedAt: RFC3339Timestamp
        /// The version it would have had.
        public var deadlineVersion: Int
        /// The pending version it was meant to replace (a restart), if any.
        public var replacing: Int?
        /// Why (`yearNotCovered`, with the year).
        public var error: CalendarError

        /// Creates an entry.
        public init(kind: TimerKind, startedAt: RFC3339Timestamp, deadlineVersion: Int, replacing: Int?, error: CalendarError) {
            self.kind = kind
            self.startedAt = startedAt
            self.deadlineVersion = deadlineVersion
            self.replacing = replacing
            self.error = error
        }
    }

    /// The changes that could be planned, in order.
    public var changes: [TimerChange]
    /// The timers that could not.
    public var unplanned: [Unplanned]

    /// Creates an error.
    public init(changes: [TimerChange], unplanned: [Unplanned]) {
        self.changes = changes
        self.unplanned = unplanned
    }

    /// Names the kinds and the missing years; no case data.
    public var description: String {
        let parts = unplanned.map { "\($0.kind): \($0.error.message)" }
        return "cannot compute deadlines: " + parts.joined(separator: "; ")
    }
}
