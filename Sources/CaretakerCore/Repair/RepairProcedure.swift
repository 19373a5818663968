/// The paid-repair rules on top of the state table (seed 003 篇4, 有偿服务): the price is told
/// and agreed before the work, the fee and receipt are recorded at completion, and a disputed
/// sign-off is reviewed by the office director.
///
/// Pure; `CaseLifecycle.apply` consults it after the state check.
public enum RepairProcedure {
    /// The consoles that review a disputed paid repair: the management office (the director
    /// attends) and leadership.
    public static let disputeReviewers: Set<EventAudience> = [.management, .leadership]

    /// Why `actor` may not give `action`, or `nil` when they may.
    public static func permission(for action: CaseAction, actor: CaseActor) -> CommandRejection? {
        switch action {
        case .reviewDispute where !disputeReviewers.contains(actor.audience):
            return CommandRejection(.notPermitted, "a disputed paid repair is reviewed by the management office or leadership, not \(actor.audience.rawValue)")
        case .approvePlan(let approver, _) where !approver.consoles.contains(actor.audience):
            let from = approver.consoles.map(\.rawValue).sorted().joined(separator: " or ")
            return CommandRejection(.notPermitted, "the \(approver.rawValue) approves a plan from the \(from) console, not \(actor.audience.rawValue)")
        default:
            return nil
        }
    }

    /// Why the repair's quote, consent or dispute refuses `action`, or `nil` when they allow it.
    public static func precondition(for action: CaseAction, on current: CaseSnapshot) -> CommandRejection? {
        guard current.kind == .repair else { return nil }
        let paid = current.responsibility == .paid
        switch action {
        case .setPriority(let priority, _) where priority == current.priority:
            return CommandRejection(.precondition, "the repair's priority is already \(priority.rawValue)")
        case .quote, .signOff:
            return paid ? nil : CommandRejection(.precondition, "\(action.rawName) applies to a paid repair (responsibility paid)")
        case .consent, .decline:
            guard paid else { return CommandRejection(.precondition, "\(action.rawName) applies to a paid repair (responsibility paid)") }
            return current.quote == .quoted ? nil : CommandRejection(.precondition, "no quote awaits the resident's answer")
        case .complete(_, let fee, let receipt) where paid:
            if current.quote != .consented {
                return CommandRejection(.precondition, "no work on a paid repair before the resident consents to the quote (quote, then consent)")
            }
            if fee == nil || receipt == nil {
                return CommandRejection(.invalidField, "a paid repair is completed with its fee and receipt_number")
            }
            return nil
        case .reviewDispute:
            return current.disputeOpen ? nil : CommandRejection(.precondition, "no disputed sign-off awaits review")
        case .close where current.disputeOpen:
            return CommandRejection(.precondition, "a disputed paid repair is reviewed (review_dispute) before it is closed")
        case .approvePlan(let approver, _):
            if current.plan == .none { return CommandRejection(.precondition, "no plan to approve (plan first)") }
            if current.planApprovals.contains(approver) {
                return CommandRejection(.precondition, "the plan is already approved by the \(approver.rawValue)")
            }
            return nil
        case .progress:
            return current.plan == .none
                ? CommandRejection(.precondition, "a progress entry belongs to a repair with a written plan (plan first)") : nil
        default:
            return nil
        }
    }
}
