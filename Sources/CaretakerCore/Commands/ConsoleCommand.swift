/// One command from a department console, decoded from `caretaker.commands` (command contract v1).
///
/// Decode untrusted input with `ConsoleCommand.decode(from:routingKey:)`, which names the field
/// and problem on failure. The `action` carries the command's own fields; `CaseLifecycle.apply`
/// decides whether the case accepts it.
public struct ConsoleCommand: Sendable, Equatable {
    /// The idempotency key: the same command re-sent has the same id (1–128 characters).
    public var commandID: String
    /// The case the command is for.
    public var caseReference: CaseReference
    /// Who sent it, and the console that hears a refusal.
    public var actor: CaseActor
    /// When the person did it (recorded in the history as the step's time).
    public var at: RFC3339Timestamp
    /// What to do, with the fields the command carries.
    public var action: CaseAction

    /// Creates a command; no validation is done here (use `decode(from:routingKey:)` for untrusted input).
    public init(commandID: String, caseReference: CaseReference, actor: CaseActor, at: RFC3339Timestamp,
                action: CaseAction) {
        self.commandID = commandID
        self.caseReference = caseReference
        self.actor = actor
        self.at = at
        self.action = action
    }

    /// The command's name; its raw value is the routing key.
    public var name: CaseAction.Name { action.name }
}
