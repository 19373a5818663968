/// A timer as planned: what the store writes as a pending timer row.
public struct TimerSchedule: Sendable, Equatable {
    /// The timer kind.
    public var kind: TimerKind
    /// When the budget started (written in +08:00).
    public var startedAt: RFC3339Timestamp
    /// When to remind the handler; `nil` when the kind has no reminder or the budget is empty.
    public var remindAt: RFC3339Timestamp?
    /// The deadline; escalation steps count from here.
    public var dueAt: RFC3339Timestamp
    /// 1 for a case's first timer of this kind, then one more for every restart or postponement;
    /// part of the idempotency key of its events.
    public var deadlineVersion: Int
    /// The calendar versions that computed a working-day deadline (e.g. `cn-2026.1`); `nil` for
    /// wall-clock and promised-date timers.
    public var calendarVersion: String?

    /// Creates a schedule.
    public init(kind: TimerKind, startedAt: RFC3339Timestamp, remindAt: RFC3339Timestamp?, dueAt: RFC3339Timestamp,
                deadlineVersion: Int, calendarVersion: String?) {
        self.kind = kind
        self.startedAt = startedAt
        self.remindAt = remindAt
        self.dueAt = dueAt
        self.deadlineVersion = deadlineVersion
        self.calendarVersion = calendarVersion
    }
}

/// What the store must do to a case's timers after a case change, in order.
public enum TimerChange: Sendable, Equatable {
    /// Insert a new pending timer.
    case start(TimerSchedule)
    /// Cancel the pending timer of `kind` with `deadlineVersion` (its step was done or the case closed).
    case cancel(kind: TimerKind, deadlineVersion: Int)
    /// Cancel the pending timer of the schedule's kind with version `replacing` and insert the
    /// schedule (a higher version): a postponed feedback date or a restarted step.
    case reschedule(TimerSchedule, replacing: Int)

    /// The timer kind the change is about.
    public var kind: TimerKind {
        switch self {
        case .start(let schedule), .reschedule(let schedule, _): schedule.kind
        case .cancel(let kind, _): kind
        }
    }
}

/// What the planner must know of a case's stored timers: for each kind, its latest deadline
/// version (whatever its state) and whether that timer is still pending.
public struct ExistingTimer: Sendable, Equatable {
    /// The timer kind.
    public var kind: TimerKind
    /// The highest deadline version stored for this case and kind.
    public var deadlineVersion: Int
    /// Whether that timer is still pending (not fired to its top level, cancelled or completed).
    public var isPending: Bool

    /// Creates a summary.
    public init(kind: TimerKind, deadlineVersion: Int, isPending: Bool) {
        self.kind = kind
        self.deadlineVersion = deadlineVersion
        self.isPending = isPending
    }
}
