/// Who handles a complaint of a given severity (seed 000 3.1–3.2, 4.2).
///
/// Minor → the customer-service supervisor; important → the department head, with the
/// supervising manager (主管经理) informed (triage notifies `management`); major → the general
/// manager at once (`leadership`), handled at manager level or above after an office meeting
/// (办公会议, the `hold_meeting` command).
public enum HandlingLevel: String, Sendable, CaseIterable {
    /// 客服主管.
    case customerServiceSupervisor = "customer_service_supervisor"
    /// 部门主管, with the 主管经理 informed.
    case departmentHead = "department_head"
    /// 总经理 / manager level and above.
    case generalManager = "general_manager"

    /// The level for `severity`.
    public init(_ severity: ComplaintSeverity) {
        switch severity {
        case .minor: self = .customerServiceSupervisor
        case .important: self = .departmentHead
        case .major: self = .generalManager
        }
    }

    /// The consoles allowed to resolve a complaint at this level: anyone for minor and important
    /// ones; only the management office and leadership for major ones.
    public var resolvers: Set<EventAudience>? {
        self == .generalManager ? [.management, .leadership] : nil
    }
}
