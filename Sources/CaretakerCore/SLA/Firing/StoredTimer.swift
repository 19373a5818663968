/// A pending timer as the store holds it, which is all `TimerFiring` needs.
public struct StoredTimer: Sendable, Equatable {
    /// The case's id.
    public var caseID: String
    /// The timer kind.
    public var kind: TimerKind
    /// When to remind the handler, if ever.
    public var remindAt: RFC3339Timestamp?
    /// The deadline.
    public var dueAt: RFC3339Timestamp
    /// Whether the reminder was already sent.
    public var reminded: Bool
    /// The highest level already escalated to (`.handler` = none yet).
    public var level: EscalationLevel
    /// The deadline version (see `TimerSchedule.deadlineVersion`).
    public var deadlineVersion: Int
    /// The calendar versions that computed the deadline, if it counts working days.
    public var calendarVersion: String?

    /// Creates a stored timer.
    public init(caseID: String, kind: TimerKind, remindAt: RFC3339Timestamp?, dueAt: RFC3339Timestamp,
                reminded: Bool = false, level: EscalationLevel = .handler, deadlineVersion: Int,
                calendarVersion: String? = nil) {
        self.caseID = caseID
        self.kind = kind
        self.remindAt = remindAt
        self.dueAt = dueAt
        self.reminded = reminded
        self.level = level
        self.deadlineVersion = deadlineVersion
        self.calendarVersion = calendarVersion
    }

    /// The timer as its planner scheduled it, for the case `caseID`.
    public init(caseID: String, schedule: TimerSchedule) {
        self.init(caseID: caseID, kind: schedule.kind, remindAt: schedule.remindAt, dueAt: schedule.dueAt,
                  deadlineVersion: schedule.deadlineVersion, calendarVersion: schedule.calendarVersion)
    }
}
