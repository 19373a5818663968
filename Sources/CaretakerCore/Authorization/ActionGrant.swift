/// Which consoles may give one command, and on which cases.
public struct ActionGrant: Sendable, Equatable {
    /// The cases a grant covers.
    public enum Cases: String, Sendable, CaseIterable {
        /// Cases whose handling department is the console's own (`engineering` acts on
        /// engineering's cases).
        case ownDepartment = "own_department"
        /// Cases escalated at least once (escalation level 1 or more).
        case escalated
        /// Every case.
        case any
    }

    /// The consoles the grant is for.
    public var audiences: Set<EventAudience>
    /// The cases it covers.
    public var cases: Cases

    /// Creates a grant.
    public init(audiences: Set<EventAudience>, cases: Cases) {
        self.audiences = audiences
        self.cases = cases
    }

    /// Whether the grant lets `audience` act on `target`.
    public func allows(_ audience: EventAudience, on target: AuthorizationTarget) -> Bool {
        guard audiences.contains(audience) else { return false }
        switch cases {
        case .any: return true
        case .escalated: return target.escalationLevel >= 1
        case .ownDepartment: return EventAudience(target.department) == audience
        }
    }
}

/// The facts about a case that authorization looks at; nothing about the resident.
public struct AuthorizationTarget: Sendable, Equatable {
    /// The department that handles the case now.
    public var department: Department
    /// How many escalation steps have fired (0: none).
    public var escalationLevel: Int
    /// The consoles whose own staff the complaint is about (``AccusedStaff``).
    public var accused: [EventAudience]

    /// Creates a target.
    public init(department: Department, escalationLevel: Int = 0, accused: [EventAudience] = []) {
        self.department = department
        self.escalationLevel = escalationLevel
        self.accused = accused
    }
}
