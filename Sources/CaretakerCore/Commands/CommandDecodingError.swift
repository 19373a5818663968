/// Why a console command could not be used, and what of it could still be read.
///
/// `problem` is the field-level error, in the same codes as the intake contract. `actor` and
/// `commandID` are what a rejection needs to reach the console that sent the command; they are
/// read independently of the failing field, so a bad `satisfaction` still has an actor to tell.
/// Like `ContractError`, the description never quotes a value from the message.
public struct CommandDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field, reason and a safe message; `problem.messageID` is the `command_id` if readable.
    public var problem: ContractError
    /// The actor, when the `actor` object itself was valid.
    public var actor: CaseActor?

    /// Creates an error.
    public init(problem: ContractError, actor: CaseActor? = nil) {
        self.problem = problem
        self.actor = actor
    }

    /// The field path (e.g. `actor.audience`, `satisfaction`); empty for whole-message problems.
    public var field: String { problem.field }
    /// The reason code.
    public var reason: ContractError.Reason { problem.reason }
    /// A sentence for the console and for ops; never contains the message's values.
    public var message: String { problem.message }
    /// The `command_id`, when it could be read.
    public var commandID: String? { problem.messageID }

    /// `field: reason: message`, safe to log.
    public var description: String { problem.description }
}
