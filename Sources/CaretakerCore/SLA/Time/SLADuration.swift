/// A length of time in the SLA policy: `0`, `30s`, `15min`, `2h`, `3d` or `1mo`.
///
/// Seconds, minutes, hours and days are exact wall-clock lengths (a day is 86,400 s; Asia/Shanghai
/// has no daylight saving). Months are calendar months (see `SLATime.adding(months:to:)`). Under a
/// `working_days` clock a budget must be written in days, and `3d` then means three working days.
public struct SLADuration: Sendable, Hashable, CustomStringConvertible {
    /// The unit a duration is written in.
    public enum Unit: String, Sendable, CaseIterable {
        /// `s`.
        case second = "s"
        /// `min`.
        case minute = "min"
        /// `h`.
        case hour = "h"
        /// `d`: 24 hours, or one working day under a `working_days` clock.
        case day = "d"
        /// `mo`: a calendar month.
        case month = "mo"

        /// Seconds in one unit; `nil` for months, whose length varies.
        public var seconds: Int64? {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3_600
            case .day: 86_400
            case .month: nil
            }
        }
    }

    /// How many units.
    public var amount: Int
    /// Which unit.
    public var unit: Unit

    /// Creates a duration.
    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `<digits><unit>`, or a bare `0`; `nil` for anything else (no spaces, no signs, no
    /// fractions, at most six digits).
    public init?(_ text: String) {
        if text == "0" {
            self.init(0, .second)
            return
        }
        let digits = text.prefix { $0 >= "0" && $0 <= "9" }
        guard !digits.isEmpty, digits.count <= 6, let amount = Int(digits),
              let unit = Unit(rawValue: String(text.dropFirst(digits.count)))
        else { return nil }
        self.init(amount, unit)
    }

    /// The exact length in seconds; `nil` for months.
    public var seconds: Int64? {
        unit.seconds.map { Int64(amount) * $0 }
    }

    /// The duration as written in the policy.
    public var description: String { amount == 0 ? "0" : "\(amount)\(unit.rawValue)" }
}
