/// How a repair is scheduled (seed 003 篇4 四); ordered by urgency,
/// `general` < `small` < `major` < `urgent`.
///
/// `small` sorts above `general` because its limit is the urgent one (target 2 h, never more than
/// 24 h, seed 003 四(一)2), and below `major` so that a report that also needs large works is
/// planned as large works.
public enum RepairPriority: String, Sendable, CaseIterable, Codable, Comparable {
    /// 一般: ordinary repairs that need diagnosis, parts or more than one visit (72 h).
    case general
    /// 小修 / 零修: a quick fix one technician does in one visit with parts on hand.
    case small
    /// 大项: large works, outside contractors or parts from elsewhere.
    case major
    /// 急修: safety or loss of an essential service; dispatched at once.
    case urgent

    private var rank: Int {
        switch self {
        case .general: 0
        case .small: 1
        case .major: 2
        case .urgent: 3
        }
    }

    /// Less urgent sorts first.
    public static func < (lhs: RepairPriority, rhs: RepairPriority) -> Bool {
        lhs.rank < rhs.rank
    }
}
