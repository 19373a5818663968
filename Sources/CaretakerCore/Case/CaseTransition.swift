/// The outcome of an accepted command: the case after it, and what the store must record.
public struct CaseTransition: Sendable, Equatable {
    /// The event a transition produces on `caretaker.events`.
    public enum EventType: String, Sendable, CaseIterable {
        /// The case moved on (or a field such as the feedback date changed).
        case updated = "case.updated"
        /// The case went to another department.
        case reassigned = "case.reassigned"
    }

    /// The state before the command.
    public var from: CaseState
    /// The case after the command.
    public var snapshot: CaseSnapshot
    /// The command that caused it, for the history (`accept`, `postpone`, …).
    public var step: String
    /// The event to publish.
    public var event: EventType
    /// The SLA triggers the change fires: the command's name, then its outcome triggers
    /// (`CaseAction.outcomeTriggers`, e.g. `assess_invalid`).
    public var triggers: [String]

    /// Creates a transition.
    public init(from: CaseState, snapshot: CaseSnapshot, step: String, event: EventType, triggers: [String]? = nil) {
        self.triggers = triggers ?? [step]
        self.from = from
        self.snapshot = snapshot
        self.step = step
        self.event = event
    }
}
