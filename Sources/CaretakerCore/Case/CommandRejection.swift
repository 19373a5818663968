/// Why a command was refused; the case is left unchanged and the actor hears the reason.
public struct CommandRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// A machine-readable reason.
    public enum Reason: String, Sendable, CaseIterable {
        /// The command does not apply to this kind of case (e.g. `arrive` on a complaint).
        case notForKind = "not_for_kind"
        /// The command is not allowed in the case's current state (out of order).
        case invalidForState = "invalid_for_state"
        /// The feedback date was already postponed twice.
        case postponeLimitReached = "postpone_limit_reached"
        /// A field of the command is out of range (e.g. satisfaction 6).
        case invalidField = "invalid_field"
        /// The reassignment names the department the case already has.
        case sameDepartment = "same_department"
        /// The actor's console may not give this command (e.g. a department assessing validity).
        case notPermitted = "not_permitted"
        /// The case's earlier decisions do not allow it yet, or any more (e.g. a corrective
        /// action before the complaint was assessed valid, a second assessment).
        case precondition
        /// The command's `at` lies before the case was received or ahead of the worker's clock.
        case invalidTime = "invalid_time"
        /// A postponement asked after the promised feedback date had passed.
        case postponeTooLate = "postpone_too_late"
        /// The message's AMQP `user_id` is missing, is not a known party, or is a party that does
        /// not send this kind of message (or a console naming another audience as the actor's).
        case notAuthenticated = "not_authenticated"
        /// The sending console may not give this command on this case (`config/authorization.json`).
        case notAuthorized = "not_authorized"
    }

    /// The reason code.
    public var reason: Reason
    /// A sentence for the console, naming the command and state; never the resident's data.
    public var message: String

    /// Creates a rejection.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The reason code and message.
    public var description: String { "\(reason.rawValue): \(message)" }
}
