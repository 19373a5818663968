import CaretakerCore
import Postgres

/// Something that must happen in the same transaction as an accepted command, such as starting
/// and cancelling SLA timers.
///
/// `CommandProcessor` calls every observer after it has updated the case, appended the history
/// row and queued the events, and before the transaction commits. An observer that throws rolls
/// the whole command back (the delivery is then retried, like any database failure), so it must
/// only throw for failures worth retrying.
public protocol CaseTransitionObserver: Sendable {
    /// Records what follows from `applied`, using `transaction` for its statements.
    func caseTransitionApplied(_ applied: AppliedTransition, in transaction: PostgresTransaction) async throws
}

/// An accepted command as observers see it: the case before and after, and the transition.
public struct AppliedTransition: Sendable {
    /// The command that caused it.
    public var command: ConsoleCommand
    /// What the lifecycle decided (from-state, step, event type).
    public var transition: CaseTransition
    /// The case as it was loaded, before the command.
    public var before: CaseRecord
    /// The case as it is now stored.
    public var after: CaseRecord
    /// The worker's clock when the command was applied.
    public var now: RFC3339Timestamp

    /// Creates an applied transition.
    public init(command: ConsoleCommand, transition: CaseTransition, before: CaseRecord, after: CaseRecord,
                now: RFC3339Timestamp) {
        self.command = command
        self.transition = transition
        self.before = before
        self.after = after
        self.now = now
    }
}
