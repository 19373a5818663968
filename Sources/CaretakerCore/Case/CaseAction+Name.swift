extension CaseAction {
    /// The name of a console command, without its fields: the routing key on `caretaker.commands`.
    ///
    /// The state machine's tables, the authorization grants and the SLA planner are keyed by it, so a
    /// misspelt command name is a compile error rather than a lookup that silently finds nothing.
    /// The cases are in lifecycle order, the order error messages list them in.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// `accept`: the handler takes the case on.
        case accept
        /// `reply`: the first reply to a complaint's resident.
        case reply
        /// `arrive`: the technician arrived on site.
        case arrive
        /// `complete`: the repair work is done.
        case complete
        /// `return_work_order`: the completed work order goes back to customer service.
        case returnWorkOrder = "return_work_order"
        /// `resolve`: the complaint was dealt with.
        case resolve
        /// `postpone`: a new feedback date for the resident.
        case postpone
        /// `follow_up`: the follow-up visit's result.
        case followUp = "follow_up"
        /// `reopen`: a review or rework reopens the case.
        case reopen
        /// `reassign`: the case belongs to another department.
        case reassign
        /// `close`: archive the case.
        case close
        /// `assess`: whether a complaint is valid.
        case assess
        /// `analyse`: the cause and responsibility of a valid complaint.
        case analyse
        /// `correct`: a corrective action for a valid complaint.
        case correct
        /// `verify_correction`: the open corrective action was checked.
        case verifyCorrection = "verify_correction"
        /// `inform_resident`: what the resident was told.
        case informResident = "inform_resident"
        /// `hold_meeting`: the office meeting on a complaint.
        case holdMeeting = "hold_meeting"
        /// `appoint`: the resident's appointment for a repair.
        case appoint
        /// `quote`: a paid repair's price and materials.
        case quote
        /// `consent`: the resident agreed to the quote.
        case consent
        /// `decline`: the resident declined the quote.
        case decline
        /// `sign_off`: the resident signed the completed paid work off, or disputed it.
        case signOff = "sign_off"
        /// `review_dispute`: the office director's review of a disputed paid repair.
        case reviewDispute = "review_dispute"
        /// `set_priority`: the console corrects a repair's priority.
        case setPriority = "set_priority"
        /// `plan`: the written plan of a long repair.
        case plan
        /// `approve_plan`: one of the two approvals of the plan.
        case approvePlan = "approve_plan"
        /// `progress`: the day's progress entry on a repair with a plan.
        case progress
    }

    /// The command's name, without its fields.
    public var name: Name {
        switch self {
        case .accept: .accept
        case .reply: .reply
        case .arrive: .arrive
        case .complete: .complete
        case .returnWorkOrder: .returnWorkOrder
        case .resolve: .resolve
        case .postpone: .postpone
        case .followUp: .followUp
        case .reopen: .reopen
        case .reassign: .reassign
        case .close: .close
        case .assess: .assess
        case .analyse: .analyse
        case .correct: .correct
        case .verifyCorrection: .verifyCorrection
        case .informResident: .informResident
        case .holdMeeting: .holdMeeting
        case .appoint: .appoint
        case .quote: .quote
        case .setPriority: .setPriority
        case .consent: .consent
        case .decline: .decline
        case .signOff: .signOff
        case .reviewDispute: .reviewDispute
        case .plan: .plan
        case .approvePlan: .approvePlan
        case .progress: .progress
        }
    }
}
