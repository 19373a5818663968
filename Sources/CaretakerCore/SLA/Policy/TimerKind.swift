/// The code of an SLA timer kind, as written in `config/sla-policy.json` and stored with each timer.
///
/// Kinds are data (the policy file may add one), so this is an open set of strings; the shipped
/// ones have named constants.
public struct TimerKind: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code, e.g. `repair_accept`.
    public var rawValue: String

    /// Wraps a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a literal code.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The code.
    public var description: String { rawValue }

    /// Orders by code, so plans and tests are stable.
    public static func < (lhs: TimerKind, rhs: TimerKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Row 1: first reply to a complaint, 24 h.
    public static let complaintFirstReply: TimerKind = "complaint_first_reply"
    /// Row 2: the department takes the work order, 5 min (at most 20).
    public static let repairAccept: TimerKind = "repair_accept"
    /// Row 3: technician on site, 15 min after dispatch.
    public static let repairOnSite: TimerKind = "repair_on_site"
    /// Row 4: urgent repair completed, 2 h (never more than 24 h).
    public static let urgentRepairCompletion: TimerKind = "urgent_repair_completion"
    /// Row 5: general repair completed, 72 h.
    public static let generalRepairCompletion: TimerKind = "general_repair_completion"
    /// Row 6: major repair, situation and ETA told to the resident, 48 h.
    public static let majorRepairETA: TimerKind = "major_repair_eta"
    /// Row 7: work order back to customer service, 24 h after completion.
    public static let workOrderReturn: TimerKind = "work_order_return"
    /// Row 8: follow-up visit, 72 h after completion.
    public static let followUpVisit: TimerKind = "follow_up_visit"
    /// Row 9: a repair taking more than 3 days needs a plan.
    public static let longRepairPlan: TimerKind = "long_repair_plan"
    /// Row 9: a repair with an approved plan records its progress daily (24 h after the last entry).
    public static let repairDailyProgress: TimerKind = "repair_daily_progress"
    /// Row 10: feedback by the date promised at intake (moved by `postpone`).
    public static let promisedFeedback: TimerKind = "promised_feedback"
    /// Row 11: complaint result, 7 working days.
    public static let complaintResult: TimerKind = "complaint_result"
    /// Row 11: complaint review (复核), 15 working days after `reopen`.
    public static let complaintReview: TimerKind = "complaint_review"
    /// Row 12: an invalid complaint explained to the resident, 2 days after `assess`.
    public static let invalidComplaintExplanation: TimerKind = "invalid_complaint_explanation"
    /// Row 12: a valid complaint's cause analysed, 1 day after `assess`.
    public static let validComplaintAnalysis: TimerKind = "valid_complaint_analysis"
    /// Row 12: another body involved: the resident contacted within 3 days.
    public static let otherBodyContact: TimerKind = "other_body_contact"
    /// Row 12: the corrective action verified by its own due date.
    public static let correctiveActionVerification: TimerKind = "corrective_action_verification"
    /// Row 13: complaint unresolved after a month becomes major.
    public static let complaintUnresolvedMonth: TimerKind = "complaint_unresolved_month"
    /// Row 14: major complaints closed by a manager within 15 days.
    public static let managerComplaintClose: TimerKind = "manager_complaint_close"
}
