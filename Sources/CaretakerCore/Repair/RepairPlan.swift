/// The written plan of a repair expected to take more than 3 days (seed 003 五(二)3: 维修时间超过
/// 3 天的, 须制定书面维修方案, 经工程部经理和管理处主任批准, 并每日记录进度): what will be done and by
/// when, approved by the engineering manager and the office director.
public struct RepairPlan: Sendable, Equatable {
    /// What will be done, in what steps.
    public var summary: String
    /// When the work is expected to be finished.
    public var expectedCompletion: RFC3339Timestamp

    /// Creates a plan.
    public init(summary: String, expectedCompletion: RFC3339Timestamp) {
        self.summary = summary
        self.expectedCompletion = expectedCompletion
    }
}

/// Who approves a repair plan; both must approve it.
public enum PlanApprover: String, Sendable, CaseIterable, Comparable {
    /// 工程部经理, from the engineering console.
    case engineeringManager = "engineering_manager"
    /// 管理处主任, from the management console.
    case director

    /// The consoles from which this approval is given.
    public var consoles: Set<EventAudience> {
        switch self {
        case .engineeringManager: [.engineering]
        case .director: [.management]
        }
    }

    /// Lifecycle order: the engineering manager first.
    public static func < (lhs: PlanApprover, rhs: PlanApprover) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a repair's plan stands.
public enum PlanState: String, Sendable, CaseIterable {
    /// No plan written.
    case none
    /// Written, awaiting one or both approvals.
    case proposed
    /// Approved by the engineering manager and the director: daily progress entries are due.
    case approved
}
