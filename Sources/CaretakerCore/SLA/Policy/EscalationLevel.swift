/// A rung of the escalation ladder (DOMAIN.md): 0 is the handler (reminders), then department
/// supervisor, management office, company leadership.
public enum EscalationLevel: Int, Sendable, CaseIterable, Comparable, Codable {
    /// 接待员 / the department handling the case; reminders go here.
    case handler = 0
    /// 部门主管.
    case departmentSupervisor = 1
    /// 管理处主任/经理.
    case management = 2
    /// 总经理 (company leadership).
    case leadership = 3

    /// The name carried in events as `level_name`.
    public var name: String {
        switch self {
        case .handler: "handler"
        case .departmentSupervisor: "department_supervisor"
        case .management: "management"
        case .leadership: "leadership"
        }
    }

    /// Who hears of a reminder (level 0) or an escalation to this level about a case handled by
    /// `department`: the department and customer service, plus management from level 2 and
    /// leadership at level 3. Sorted, without duplicates.
    public func audiences(department: Department) -> [EventAudience] {
        var set: Set<EventAudience> = [EventAudience(department), .customerService]
        if self >= .management { set.insert(.management) }
        if self >= .leadership { set.insert(.leadership) }
        return set.sorted()
    }

    /// Lower rungs sort first.
    public static func < (lhs: EscalationLevel, rhs: EscalationLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
