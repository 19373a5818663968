import CaretakerCore

/// What applying one console command did; the consumer acks the delivery after any of them.
///
/// The description is safe to log: case numbers, states and reason codes, never the command's text.
public enum CommandOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The case moved on: its number and the state it is in now.
    case applied(caseNumber: String, state: CaseState)
    /// The command was understood but refused; the actor's console got a `command.rejected` event.
    case rejected(CommandRefusal)
    /// The `command_id` was processed before (a redelivery or a re-send); nothing happened.
    case duplicate
    /// The body broke the command contract; it was recorded in `rejected_messages`, dead-lettered,
    /// and the sender's console (or customer service) got a `command.rejected` event.
    case malformed(CommandDecodingError)

    /// `applied <number> <state>`, `rejected <code>`, `duplicate` or `malformed <field>: <reason>: <message>`.
    public var description: String {
        switch self {
        case .applied(let number, let state): "applied \(number) \(state.rawValue)"
        case .rejected(let refusal): "rejected \(refusal.code)"
        case .duplicate: "duplicate"
        case .malformed(let error): "malformed \(error.description)"
        }
    }
}

/// Why a well-formed command was refused.
public enum CommandRefusal: Sendable, Equatable, CustomStringConvertible {
    /// No case has the command's `case_id` / `case_number`.
    case unknownCase
    /// The case's lifecycle refused it (out of order, wrong kind, third postponement, …).
    case lifecycle(CommandRejection.Reason)

    /// The reason code sent to the console: `unknown_case` or the lifecycle's code.
    public var code: String {
        switch self {
        case .unknownCase: "unknown_case"
        case .lifecycle(let reason): reason.rawValue
        }
    }

    /// The reason code.
    public var description: String { code }
}
