/// What a department console asks to do to a case, with the fields each command needs.
///
/// The wire names (`name`, `rawName`) are the routing keys on `caretaker.commands`.
public enum CaseAction: Sendable, Equatable {
    /// The handler takes the case on.
    case accept
    /// The first reply to a complaint's resident.
    case reply(note: String)
    /// The technician arrived on site.
    case arrive
    /// The repair work is done; a paid repair records the fee (fen) and the receipt number.
    case complete(note: String, feeFen: Int? = nil, receiptNumber: String? = nil)
    /// The completed work order goes back to customer service.
    case returnWorkOrder
    /// The complaint was dealt with; `note` is the result told to the resident.
    case resolve(note: String)
    /// A new feedback date for the resident; allowed at most twice per case.
    case postpone(until: RFC3339Timestamp, reason: String)
    /// The follow-up visit's result: satisfaction 1–5, a note, who visited (when not the actor
    /// alone), and for a major complaint the corrective report (纠正措施报告) of quality management.
    case followUp(satisfaction: Int, note: String, visitedBy: String? = nil, correctiveReport: String? = nil)
    /// A review (复核) or rework reopens the case.
    case reopen(reason: String)
    /// The case belongs to another department; optionally a corrected category.
    case reassign(to: Department, category: String?, reason: String)
    /// Archive the case.
    case close
    /// Customer service or the manager decides whether a complaint is valid, and whether
    /// another body (water company, power bureau…) is involved.
    case assess(validity: ComplaintValidity, reason: String, otherBody: OtherBody?)
    /// The cause and responsibility of a valid complaint, analysed (within 1 day).
    case analyse(cause: String)
    /// A corrective action for a valid complaint: what, who, and by when.
    case correct(CorrectiveAction)
    /// The open corrective action was checked on its due date.
    case verifyCorrection(verdict: CorrectionVerdict, note: String)
    /// What the resident was told (an explanation, the situation, an expected date).
    case informResident(note: String, eta: RFC3339Timestamp?)
    /// The resident's appointment (预约维修时间) for a repair, set or moved: the on-site deadline.
    case appoint(at: RFC3339Timestamp, reason: String?)
    /// The console corrects a repair's priority (e.g. a small repair that is really urgent); the
    /// timers are re-planned as if triage had decided so at receipt.
    case setPriority(RepairPriority, reason: String)
    /// A paid repair's price and materials, told to the resident before any work.
    case quote(RepairQuote)
    /// The resident agreed to the quote.
    case consent
    /// The resident declined the quote: the repair closes as declined.
    case decline(reason: String)
    /// The resident signed the completed paid work off, or disputed it.
    case signOff(SignOff, note: String)
    /// The office director's review of a disputed paid repair.
    case reviewDispute(note: String)
    /// The office meeting (办公会议) on a complaint: what it decided and who attended.
    case holdMeeting(note: String, attendees: String?)
    /// The written plan of a long repair (more than 3 days); a new plan needs both approvals again.
    case plan(RepairPlan)
    /// One of the two approvals of the plan: the engineering manager's or the director's.
    case approvePlan(PlanApprover, note: String)
    /// The day's progress entry on a repair with a plan (每日记录进度).
    case progress(note: String, percentDone: Int?)

    /// The command's name as written on the wire (`name.rawValue`).
    public var rawName: String { name.rawValue }

    /// The outcome triggers the command fires besides its name, for SLA timers that start or
    /// stop on a decision: `assess_valid` or `assess_invalid`, and `assess_other_body` when
    /// another body is involved. (`plan_approved`, fired by the second approval of a plan,
    /// depends on the case and is added by `CaseLifecycle.apply`.)
    public var outcomeTriggers: [String] {
        switch self {
        case .assess(let validity, _, let otherBody):
            var triggers = ["assess_\(validity.rawValue)"]
            if otherBody != nil { triggers.append("assess_other_body") }
            return triggers
        case .signOff(let result, _):
            return ["sign_off_\(result.rawValue)"]
        default:
            return []
        }
    }

    /// Every command name as written on the wire, in lifecycle order (`Name.allCases`).
    public static let allRawNames = Name.allCases.map(\.rawValue)

    /// Every name an SLA timer may start or stop on: the command names and the outcome triggers.
    public static let allTriggerNames = allRawNames + ["assess_valid", "assess_invalid", "assess_other_body", "sign_off_confirmed",
                                                         "sign_off_disputed", "plan_approved"]
}
