/// What a timer must do now: the event to emit (if any), how late it is, and when to look again.
public struct TimerFiringDecision: Sendable, Equatable {
    /// The one thing to emit now.
    public enum Action: Sendable, Equatable {
        /// Nothing is due.
        case nothing
        /// Remind the handler (`case.reminder`, level 0).
        case remind
        /// Escalate to this level (`case.escalated`); the highest level whose step has passed.
        case escalate(EscalationLevel)
    }

    /// What to emit.
    public var action: Action
    /// Seconds past the deadline (0 before it).
    public var lateSeconds: Int64
    /// Seconds left before the deadline (0 after it).
    public var secondsLeft: Int64
    /// When the timer must be looked at again: its reminder or next escalation step; `nil` when
    /// nothing more can happen (the top level is reached) — the store then finishes the timer.
    public var nextWakeAt: RFC3339Timestamp?
    /// The side effect to apply with this escalation (only on the first escalation).
    public var effect: TimerPolicy.ExpiryEffect?
    /// Levels passed over by a catch-up escalation (reported, never emitted).
    public var skippedLevels: [EscalationLevel]

    /// Creates a decision.
    public init(action: Action, lateSeconds: Int64, secondsLeft: Int64, nextWakeAt: RFC3339Timestamp?,
                effect: TimerPolicy.ExpiryEffect? = nil, skippedLevels: [EscalationLevel] = []) {
        self.action = action
        self.lateSeconds = lateSeconds
        self.secondsLeft = secondsLeft
        self.nextWakeAt = nextWakeAt
        self.effect = effect
        self.skippedLevels = skippedLevels
    }

    /// The level of the event to emit: 0 for a reminder, the new level for an escalation, `nil` for nothing.
    public var level: EscalationLevel? {
        switch action {
        case .nothing: nil
        case .remind: .handler
        case .escalate(let level): level
        }
    }
}
