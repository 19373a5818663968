/// The case state machine: which command a case accepts in which state, and where it leads.
///
/// Pure: it decides and returns the transition; the store records it and the timers follow it.
/// Every refusal says why, so the console that sent the command can tell its user.
public enum CaseLifecycle {
    /// How often a feedback date may be postponed (seed 003 篇1 六: 反馈期限的变更不超过两次).
    public static let maximumPostponements = 2

    /// The lowest and highest follow-up satisfaction score.
    public static let satisfactionRange = 1...5

    /// Applies `action` to a case, returning the transition or why it was refused.
    ///
    /// Checked in order: the kind, the command's fields, the state, the actor's console
    /// (`actor`; `nil` skips this check, for planning and tests), then the case's earlier
    /// decisions (`ComplaintProcedure`).
    public static func apply(_ action: CaseAction, to current: CaseSnapshot,
                             by actor: CaseActor? = nil) -> Result<CaseTransition, CommandRejection> {
        guard let moves = table(for: current.kind)[action.name] else {
            return .failure(CommandRejection(
                .notForKind, "\(action.rawName) does not apply to a \(current.kind.rawValue)"))
        }
        if let invalid = fieldProblem(in: action, for: current) {
            return .failure(invalid)
        }
        guard let target = moves[current.state] else {
            return .failure(CommandRejection(
                .invalidForState,
                "\(action.rawName) is not allowed while the \(current.kind.rawValue) is \(current.state.rawValue)"))
        }
        if let actor, let refusal = ComplaintProcedure.permission(for: action, on: current, actor: actor)
            ?? RepairProcedure.permission(for: action, actor: actor) {
            return .failure(refusal)
        }
        if let refusal = ComplaintProcedure.precondition(for: action, on: current)
            ?? RepairProcedure.precondition(for: action, on: current) {
            return .failure(refusal)
        }
        var next = current
        next.state = target
        var event = CaseTransition.EventType.updated
        switch action {
        case .postpone:
            guard current.postponements < maximumPostponements else {
                return .failure(CommandRejection(
                    .postponeLimitReached,
                    "the feedback date was already postponed \(maximumPostponements) times"))
            }
            next.postponements += 1
        case .reopen:
            next.reopenings += 1
        case .reassign(let department, let category, _):
            next.department = department
            if let category { next.category = category }
            event = .reassigned
        case .assess(let validity, _, _):
            next.validity = validity
        case .analyse:
            next.causeAnalysed = true
        case .correct:
            next.correctionOpen = true
        case .verifyCorrection:
            next.correctionOpen = false
        case .holdMeeting:
            next.meetingHeld = true
        case .setPriority(let priority, _):
            next.priority = priority
        case .quote:
            next.quote = .quoted
        case .consent:
            next.quote = .consented
        case .signOff(let result, _):
            next.disputeOpen = result == .disputed
        case .reviewDispute:
            next.disputeOpen = false
        case .plan:
            next.plan = .proposed
            next.planApprovals = []
        case .approvePlan(let approver, _):
            next.planApprovals.insert(approver)
            if next.planApprovals.count == PlanApprover.allCases.count { next.plan = .approved }
        default:
            break
        }
        var triggers = [action.rawName] + action.outcomeTriggers
        if next.plan == .approved && current.plan != .approved { triggers.append("plan_approved") }
        return .success(CaseTransition(from: current.state, snapshot: next, step: action.rawName, event: event,
                                       triggers: triggers))
    }

    /// The states each command is allowed in, and the state it leads to, for one kind of case.
    public static func table(for kind: IntakeMessage.Kind) -> [CaseAction.Name: [CaseState: CaseState]] {
        switch kind {
        case .complaint: complaintMoves
        case .repair: repairMoves
        }
    }

    private static let complaintMoves: [CaseAction.Name: [CaseState: CaseState]] = [
        .accept: [.received: .accepted],
        .reply: [.received: .acknowledged, .accepted: .acknowledged],
        .resolve: [.accepted: .resolved, .acknowledged: .resolved],
        .followUp: [.resolved: .followedUp],
        .close: [.followedUp: .closed],
        .reopen: [.resolved: .accepted, .followedUp: .accepted, .closed: .accepted],
        .postpone: [.received: .received, .accepted: .accepted, .acknowledged: .acknowledged],
        .reassign: [.received: .received, .accepted: .received, .acknowledged: .received],
        .assess: unchanged([.received, .accepted, .acknowledged]),
        .analyse: unchanged([.received, .accepted, .acknowledged, .resolved, .followedUp]),
        .correct: unchanged([.received, .accepted, .acknowledged, .resolved, .followedUp]),
        .verifyCorrection: unchanged([.received, .accepted, .acknowledged, .resolved, .followedUp]),
        .informResident: unchanged([.received, .accepted, .acknowledged, .resolved, .followedUp]),
        .holdMeeting: unchanged([.received, .accepted, .acknowledged, .resolved, .followedUp]),
    ]

    private static let repairMoves: [CaseAction.Name: [CaseState: CaseState]] = [
        .accept: [.dispatched: .accepted],
        .arrive: [.dispatched: .onSite, .accepted: .onSite],
        .complete: [.onSite: .completed],
        .returnWorkOrder: [.completed: .workOrderReturned],
        .followUp: [.workOrderReturned: .followedUp],
        .close: [.followedUp: .closed],
        .reopen: [
            .completed: .dispatched, .workOrderReturned: .dispatched, .followedUp: .dispatched,
            .closed: .dispatched,
        ],
        .postpone: [.dispatched: .dispatched, .accepted: .accepted, .onSite: .onSite],
        .reassign: [.dispatched: .dispatched, .accepted: .dispatched],
        .informResident: unchanged([.dispatched, .accepted, .onSite, .completed, .workOrderReturned, .followedUp]),
        .appoint: unchanged([.dispatched, .accepted]),
        .quote: unchanged([.dispatched, .accepted, .onSite]),
        .setPriority: unchanged([.dispatched, .accepted, .onSite]),
        .consent: unchanged([.dispatched, .accepted, .onSite]),
        .decline: [.dispatched: .closed, .accepted: .closed, .onSite: .closed],
        .signOff: unchanged([.completed, .workOrderReturned]),
        .reviewDispute: unchanged([.completed, .workOrderReturned, .followedUp]),
        .plan: unchanged([.dispatched, .accepted, .onSite]),
        .approvePlan: unchanged([.dispatched, .accepted, .onSite]),
        .progress: unchanged([.dispatched, .accepted, .onSite]),
    ]

    /// Moves that leave the case where it is, in each of `states`.
    private static func unchanged(_ states: [CaseState]) -> [CaseState: CaseState] {
        Dictionary(uniqueKeysWithValues: states.map { ($0, $0) })
    }

    private static func fieldProblem(in action: CaseAction, for current: CaseSnapshot) -> CommandRejection? {
        switch action {
        case .followUp(let satisfaction, _, _, _) where !satisfactionRange.contains(satisfaction):
            return CommandRejection(.invalidField, "satisfaction must be 1 to 5, got \(satisfaction)")
        case .reassign(let department, let category, _):
            if department == current.department && (category == nil || category == current.category) {
                return CommandRejection(.sameDepartment, "the case is already with \(department.rawValue)")
            }
            return nil
        default:
            return nil
        }
    }
}
