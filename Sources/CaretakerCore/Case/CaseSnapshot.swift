/// The facts about a case that decide which commands it accepts.
public struct CaseSnapshot: Sendable, Equatable {
    /// Complaint or repair.
    public var kind: IntakeMessage.Kind
    /// Where the case stands.
    public var state: CaseState
    /// The department that must act.
    public var department: Department
    /// The category code, corrected by a reassignment.
    public var category: String
    /// How many times the feedback date has been postponed (at most `CaseLifecycle.maximumPostponements`).
    public var postponements: Int
    /// How many times a review or rework reopened the case.
    public var reopenings: Int
    /// Whether the complaint was assessed valid or invalid (`nil`: not yet, or a repair).
    public var validity: ComplaintValidity?
    /// Whether a valid complaint's cause was analysed.
    public var causeAnalysed: Bool
    /// Whether a corrective action awaits verification.
    public var correctionOpen: Bool
    /// The complaint's severity (`nil` for repairs), which decides who may resolve it.
    public var severity: ComplaintSeverity?
    /// Whether the office meeting (办公会议) on a complaint was recorded (`hold_meeting`).
    public var meetingHeld: Bool
    /// A repair's priority (`nil` for complaints).
    public var priority: RepairPriority?
    /// Who pays for a repair (`paid` repairs need a quote and consent).
    public var responsibility: RepairResponsibility?
    /// Where a paid repair's quote stands.
    public var quote: QuoteState
    /// Whether a disputed paid repair awaits the director's review.
    public var disputeOpen: Bool
    /// Where a long repair's plan stands.
    public var plan: PlanState
    /// Who approved the current plan.
    public var planApprovals: Set<PlanApprover>

    /// Creates a snapshot.
    public init(
        kind: IntakeMessage.Kind, state: CaseState, department: Department, category: String,
        postponements: Int = 0, reopenings: Int = 0, validity: ComplaintValidity? = nil,
        causeAnalysed: Bool = false, correctionOpen: Bool = false, severity: ComplaintSeverity? = nil,
        meetingHeld: Bool = false, priority: RepairPriority? = nil, responsibility: RepairResponsibility? = nil, quote: QuoteState = .none,
        disputeOpen: Bool = false, plan: PlanState = .none, planApprovals: Set<PlanApprover> = []
    ) {
        self.kind = kind
        self.state = state
        self.department = department
        self.category = category
        self.postponements = postponements
        self.reopenings = reopenings
        self.validity = validity
        self.causeAnalysed = causeAnalysed
        self.correctionOpen = correctionOpen
        self.severity = severity
        self.meetingHeld = meetingHeld
        self.priority = priority
        self.responsibility = responsibility
        self.quote = quote
        self.disputeOpen = disputeOpen
        self.plan = plan
        self.planApprovals = planApprovals
    }
}
