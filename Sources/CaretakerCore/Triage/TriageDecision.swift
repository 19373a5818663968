/// What the triage rules decided for one intake message.
public struct TriageDecision: Sendable, Equatable {
    /// The department that must act.
    public var department: Department
    /// The primary category code (e.g. `water_leak`), or `unclassified` when nothing matched.
    public var category: String
    /// Other topics found in the text, most relevant first.
    public var secondaryCategories: [String]
    /// The complaint's severity; `nil` for repairs.
    public var severity: ComplaintSeverity?
    /// The repair's priority; `nil` for complaints.
    public var priority: RepairPriority?
    /// Extra audiences to notify, in `Audience` order.
    public var notify: [Audience]
    /// Who pays for a repair; `nil` for complaints.
    public var responsibility: RepairResponsibility?
    /// Whether a person must check the routing (nothing matched).
    public var needsTriage: Bool
    /// Human-readable explanations, each starting with the rule id that fired.
    public var reasons: [String]
    /// The `version` of the rules file that decided.
    public var rulesVersion: String
    /// The `version` of the model that took part, or `nil` for rules only.
    public var modelVersion: String?
    /// How sure the combined decision is of the department (0–1), or `nil` for rules only.
    public var confidence: Double?

    /// Creates a decision.
    public init(
        department: Department, category: String, secondaryCategories: [String] = [],
        severity: ComplaintSeverity? = nil, priority: RepairPriority? = nil, notify: [Audience] = [],
        responsibility: RepairResponsibility? = nil, needsTriage: Bool = false, reasons: [String] = [],
        rulesVersion: String
    ) {
        self.department = department
        self.category = category
        self.secondaryCategories = secondaryCategories
        self.severity = severity
        self.priority = priority
        self.notify = notify
        self.responsibility = responsibility
        self.needsTriage = needsTriage
        self.reasons = reasons
        self.rulesVersion = rulesVersion
    }
}
