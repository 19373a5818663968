/// How a repair is scheduled (seed 003 篇4 四); ordered by urgency, `general` < `major` < `urgent`.
public enum RepairPriority: String, Sendable, CaseIterable, Codable, Comparable {
    /// 一般: ordinary repairs.
    case general
    /// 大项: large works, outside contractors or parts from elsewhere.
    case major
    /// 急修: safety or loss of an essential service; dispatched at once.
    case urgent

    private var rank: Int {
        switch self {
        case .general: 0
        case .major: 1
        case .urgent: 2
        }
    }

    /// Less urgent sorts first.
    public static func < (lhs: RepairPriority, rhs: RepairPriority) -> Bool {
        lhs.rank < rhs.rank
    }
}
