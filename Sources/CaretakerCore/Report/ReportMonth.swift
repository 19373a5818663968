/// A calendar month in Asia/Shanghai, the period of a monthly report (`2026-10`).
public struct ReportMonth: Sendable, Hashable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1–12.
    public let month: Int

    /// Parses `YYYY-MM`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1970 else { return nil }
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// Midnight of the first day, Shanghai time: cases received at or after it belong to the month.
    public var start: RFC3339Timestamp { RFC3339Timestamp("\(description)-01T00:00:00+08:00")! }

    /// Midnight of the first day of the next month, Shanghai time: the first instant not in the month.
    public var end: RFC3339Timestamp {
        let next = month == 12 ? ReportMonth(year: year + 1, month: 1) : ReportMonth(year: year, month: month + 1)
        return next.start
    }

    private init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
}
