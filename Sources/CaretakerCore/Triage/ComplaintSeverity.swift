/// How serious a complaint is (seed 000, 4.3); ordered from least to most serious.
public enum ComplaintSeverity: String, Sendable, CaseIterable, Codable, Comparable {
    /// 轻微: limits of facilities or capacity, slight inconvenience, not caused by people.
    case minor
    /// 重要: management or service not in place, staff negligence.
    case important
    /// 重大: repeated without result, injury or loss, compensation, against the director, privacy.
    case major

    private var rank: Int {
        switch self {
        case .minor: 0
        case .important: 1
        case .major: 2
        }
    }

    /// Less serious sorts first.
    public static func < (lhs: ComplaintSeverity, rhs: ComplaintSeverity) -> Bool {
        lhs.rank < rhs.rank
    }
}
