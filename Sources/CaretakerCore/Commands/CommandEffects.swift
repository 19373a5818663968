/// What an accepted console command does: the case after it, and what the store writes for it.
///
/// Decided by ``CommandDecision/decide(_:on:authorization:accusedStaff:now:makeID:)``; the store
/// writes these as they are and adds nothing of its own.
public struct CommandEffects: Sendable {
    /// What the lifecycle decided (from-state, snapshot, step, event type, SLA triggers).
    public var transition: CaseTransition
    /// The case after the command, as it is to be stored.
    public var after: CaseRecord
    /// The follow-up visit's satisfaction score, for a `follow_up`; else `nil` (the stored score stays).
    public var satisfaction: Int?
    /// When the case closed (the command's `at`), when the command closes it; else `nil`.
    public var closedAt: RFC3339Timestamp?
    /// What the history step records: the command's fields plus what they changed.
    public var historyDetails: [(key: String, value: JSONValue)]
    /// The events for every audience that hears of the change.
    public var events: [CaseEvent]

    /// Creates effects; ``CommandDecision`` is the one that decides them.
    public init(transition: CaseTransition, after: CaseRecord, satisfaction: Int?, closedAt: RFC3339Timestamp?,
                historyDetails: [(key: String, value: JSONValue)], events: [CaseEvent]) {
        self.transition = transition
        self.after = after
        self.satisfaction = satisfaction
        self.closedAt = closedAt
        self.historyDetails = historyDetails
        self.events = events
    }

    /// The history step's details for `action`: its fields, then for a postponement its number
    /// and the feedback date before it, for a reopening its number, and for a reassignment the
    /// department and category it came from.
    public static func historyDetails(_ action: CaseAction, before: CaseRecord,
                                      after: CaseRecord) -> [(key: String, value: JSONValue)] {
        var details = action.details
        switch action {
        case .postpone:
            details.append(("postponement", .number(Double(after.postponements))))
            details.append(("previous_promised_feedback_at",
                            before.report.promisedFeedbackAt.map { .string($0.description) } ?? .null))
        case .reopen:
            details.append(("reopening", .number(Double(after.reopenings))))
        case .reassign:
            details.append(("from_department", .string(before.department.rawValue)))
            details.append(("from_category", .string(before.category)))
        default:
            break
        }
        return details
    }
}
