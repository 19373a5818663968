/// Decides what a stored timer must emit at a given time.
///
/// Pure and idempotent: the decision depends only on the timer (including what it already
/// emitted: `reminded`, `level`) and `now`, so firing again after a crash gives the same event
/// ids. Rules (docs/sla.md, "Firing"):
/// - at or after the deadline, escalate to the **highest** level whose step time has passed and
///   that is above the level already reached — after downtime, one event, never one per missed
///   step; the reminder is dropped once the deadline has passed;
/// - before the deadline, remind once when `remind_at` has passed;
/// - the first escalation carries the kind's `on_expiry` effect.
public enum TimerFiring {
    /// The decision for `timer` at `now`, using the policy of its kind.
    ///
    /// Throws `unknownKind` when the policy has no such kind (it was removed while timers of it
    /// were pending); the store should keep the timer and report it, never drop it.
    public static func decide(_ timer: StoredTimer, policy: SLAPolicy, now: RFC3339Timestamp) throws(TimerFiringError) -> TimerFiringDecision {
        guard let kindPolicy = policy.timer(timer.kind) else {
            throw TimerFiringError(kind: timer.kind, message: "the SLA policy \(policy.version) has no timer kind \(timer.kind)")
        }
        return decide(timer, policy: kindPolicy, now: now)
    }

    /// The decision for `timer` at `now` under `policy` (the policy of its kind). A disabled kind
    /// still fires the timers it already started.
    public static func decide(_ timer: StoredTimer, policy: TimerPolicy, now: RFC3339Timestamp) -> TimerFiringDecision {
        let due = timer.dueAt.secondsSinceEpoch
        let late = max(0, now.secondsSinceEpoch - due)
        let left = max(0, due - now.secondsSinceEpoch)
        let steps = policy.escalation
        func stepTime(_ step: TimerPolicy.EscalationStep) -> RFC3339Timestamp {
            SLATime.adding(seconds: step.afterSeconds, to: timer.dueAt)
        }
        func nextStep(after level: EscalationLevel) -> RFC3339Timestamp? {
            steps.first { $0.level > level }.map(stepTime)
        }

        if now.secondsSinceEpoch >= due {
            let reached = steps.filter { $0.level > timer.level && stepTime($0).secondsSinceEpoch <= now.secondsSinceEpoch }
            guard let highest = reached.last else {
                return TimerFiringDecision(action: .nothing, lateSeconds: late, secondsLeft: 0, nextWakeAt: nextStep(after: timer.level))
            }
            let effect = timer.level == .handler ? policy.onExpiry : nil
            return TimerFiringDecision(action: .escalate(highest.level), lateSeconds: late, secondsLeft: 0,
                                       nextWakeAt: nextStep(after: highest.level), effect: effect,
                                       skippedLevels: reached.dropLast().map(\.level))
        }
        let firstStep = nextStep(after: timer.level) ?? timer.dueAt
        if !timer.reminded, let remindAt = timer.remindAt {
            if remindAt.secondsSinceEpoch <= now.secondsSinceEpoch {
                return TimerFiringDecision(action: .remind, lateSeconds: 0, secondsLeft: left, nextWakeAt: firstStep)
            }
            return TimerFiringDecision(action: .nothing, lateSeconds: 0, secondsLeft: left, nextWakeAt: SLATime.local(remindAt))
        }
        return TimerFiringDecision(action: .nothing, lateSeconds: 0, secondsLeft: left, nextWakeAt: firstStep)
    }
}

/// A stored timer's kind is not in the policy.
public struct TimerFiringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind the policy lacks.
    public var kind: TimerKind
    /// A sentence for people.
    public var message: String

    /// Creates an error.
    public init(kind: TimerKind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
