/// A case as Caretaker keeps it: the report, the triage decision and where it stands.
///
/// Built from an intake message and its decision when the case is created, then loaded from
/// the store for each command. Holds personal data (`resident`): never log it whole.
public struct CaseRecord: Sendable, Equatable {
    /// The case's id (a UUID, lower-case text).
    public var caseID: String
    /// The human-readable number, e.g. `BX-20261102-000045`.
    public var caseNumber: String
    /// The intake `message_id`, carried as `correlation_id` on every event.
    public var correlationID: String
    /// Complaint or repair.
    public var kind: IntakeMessage.Kind
    /// Where the case stands.
    public var state: CaseState
    /// The department that must act.
    public var department: Department
    /// The primary category code.
    public var category: String
    /// Other topics the report raised.
    public var secondaryCategories: [String]
    /// The complaint's severity (complaints only).
    public var severity: ComplaintSeverity?
    /// The repair's priority (repairs only).
    public var priority: RepairPriority?
    /// Who pays for a repair (repairs only).
    public var responsibility: RepairResponsibility?
    /// Extra audiences beyond the department and customer service.
    public var notify: [Audience]
    /// Whether a person must check the routing.
    public var needsTriage: Bool
    /// The triage rules version that decided.
    public var rulesVersion: String
    /// The triage model version that took part, or `nil` (rules only, or not loaded).
    public var modelVersion: String?
    /// The departments or offices whose own staff the complaint is about (`AccusedStaff`),
    /// sorted: no event for them ever carries the contact or the unmasked text.
    public var accused: [EventAudience]
    /// How many levels up the ladder the case has gone (0 = the handler).
    public var escalationLevel: Int
    /// Feedback-date postponements so far (at most two).
    public var postponements: Int
    /// Reviews or reworks so far.
    public var reopenings: Int
    /// The report as received.
    public var report: IntakeMessage
    /// A complaint's assessment with `assess`, or `nil` before it (and for repairs).
    public var validity: ComplaintValidity?
    /// The outside body involved in a complaint, when `assess` named one.
    public var otherBody: OtherBody?
    /// Whether a valid complaint's cause was analysed (`analyse`).
    public var causeAnalysed: Bool = false
    /// The corrective action awaiting `verify_correction`, if any.
    public var openCorrection: CorrectiveAction?
    /// Whether the office meeting on a complaint was recorded (`hold_meeting`).
    public var meetingHeld: Bool = false
    /// A paid repair's quote (`quote`), if one was given.
    public var quote: RepairQuote?
    /// Where the quote stands.
    public var quoteState: QuoteState = .none
    /// The fee charged for paid work, in fen, recorded at completion.
    public var feeFen: Int?
    /// The receipt number of the fee, recorded at completion.
    public var receiptNumber: String?
    /// Whether a disputed paid repair awaits the director's review.
    public var disputeOpen: Bool = false
    /// A long repair's written plan (`plan`), if one was written.
    public var plan: RepairPlan?
    /// Where the plan stands.
    public var planState: PlanState = .none
    /// Who approved the current plan.
    public var planApprovals: Set<PlanApprover> = []

    /// Creates a record.
    public init(
        caseID: String, caseNumber: String, correlationID: String, kind: IntakeMessage.Kind,
        state: CaseState, department: Department, category: String, secondaryCategories: [String],
        severity: ComplaintSeverity?, priority: RepairPriority?, responsibility: RepairResponsibility?,
        notify: [Audience], needsTriage: Bool, rulesVersion: String, accused: [EventAudience],
        escalationLevel: Int, postponements: Int, reopenings: Int, report: IntakeMessage
    ) {
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.correlationID = correlationID
        self.kind = kind
        self.state = state
        self.department = department
        self.category = category
        self.secondaryCategories = secondaryCategories
        self.severity = severity
        self.priority = priority
        self.responsibility = responsibility
        self.notify = notify
        self.needsTriage = needsTriage
        self.rulesVersion = rulesVersion
        self.accused = accused
        self.escalationLevel = escalationLevel
        self.postponements = postponements
        self.reopenings = reopenings
        self.report = report
    }

    /// The facts the state machine needs.
    public var snapshot: CaseSnapshot {
        get {
            CaseSnapshot(kind: kind, state: state, department: department, category: category,
                         postponements: postponements, reopenings: reopenings, validity: validity,
                         causeAnalysed: causeAnalysed, correctionOpen: openCorrection != nil, severity: severity,
                         meetingHeld: meetingHeld, priority: priority, responsibility: responsibility, quote: quoteState,
                         disputeOpen: disputeOpen, plan: planState, planApprovals: planApprovals)
        }
        set {
            state = newValue.state
            department = newValue.department
            category = newValue.category
            postponements = newValue.postponements
            reopenings = newValue.reopenings
            validity = newValue.validity
            causeAnalysed = newValue.causeAnalysed
            meetingHeld = newValue.meetingHeld
            quoteState = newValue.quote
            disputeOpen = newValue.disputeOpen
            planState = newValue.plan
            planApprovals = newValue.planApprovals
            if !newValue.correctionOpen { openCorrection = nil }
        }
    }

    /// Everyone who hears about the case: its department, customer service, `notify`, and
    /// quality management for a major complaint.
    public var audiences: [EventAudience] {
        var set = Set([EventAudience(department), .customerService])
        for extra in notify { set.insert(EventAudience(extra)) }
        if kind == .complaint && severity == .major { set.insert(.quality) }
        return set.sorted()
    }
}
