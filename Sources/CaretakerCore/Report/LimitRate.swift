/// How many cases met one time limit, counted as seed 004 第3篇 4.5 3 counts 及时率: on-time
/// cases ÷ **all** cases × 100 %. A case still running past its limit is late; a case whose limit
/// is still ahead at the report instant is neither on time nor late, but it stays in the
/// denominator and is listed by case number so the reader sees why the rate is not higher.
public struct LimitRate: Sendable, Equatable {
    /// The limit in seconds from receipt (7 200 for the 2 h target, 86 400 for the 24 h ceiling).
    public var limitSeconds: Int
    /// Finished within the limit.
    public var onTime: Int
    /// Finished after the limit, or still unfinished with the limit passed.
    public var late: Int
    /// Case numbers still unfinished with the limit ahead at the report instant, in receipt order.
    public var notYetDue: [String]

    /// Creates the figures of one limit.
    public init(limitSeconds: Int, onTime: Int = 0, late: Int = 0, notYetDue: [String] = []) {
        self.limitSeconds = limitSeconds
        self.onTime = onTime
        self.late = late
        self.notYetDue = notYetDue
    }

    /// Every case counted: on time, late and not yet due.
    public var total: Int { onTime + late + notYetDue.count }
    /// On time ÷ all cases in percent (seed 004), `nil` without cases.
    public var rate: Double? { ReportMath.percent(onTime, of: total) }
}

/// The on-time figures of small (零修/小项) and urgent (急修) repairs: seed 003 四(一)2 asks for
/// completion within 2 h (the target, 力争) and never more than 24 h (the ceiling), and 四(一)1
/// for a 零修急修及时率 of at least 98 %.
///
/// Measured on the wall clock from receipt to the first `complete`. A repair closed by `decline`
/// (the resident refused a paid repair) without being completed is left out and counted in
/// `declined`.
public struct QuickRepairTimeliness: Sendable, Equatable {
    /// The 2 h target (力争在2小时内完成).
    public static let targetSeconds = 2 * 3_600
    /// The 24 h ceiling (不得超过24小时).
    public static let ceilingSeconds = 24 * 3_600
    /// The on-time rate the procedure asks for, in percent (零修急修及时率达到98%).
    public static let goalPercent = 98.0

    /// Against the 2 h target.
    public var target: LimitRate
    /// Against the 24 h ceiling.
    public var ceiling: LimitRate
    /// Small and urgent repairs declined without completion: in neither figure.
    public var declined: Int

    /// Creates the figures.
    public init(target: LimitRate = LimitRate(limitSeconds: targetSeconds),
                ceiling: LimitRate = LimitRate(limitSeconds: ceilingSeconds), declined: Int = 0) {
        self.target = target
        self.ceiling = ceiling
        self.declined = declined
    }

    /// Whether the rate against `limit` reaches the 98 % goal; `nil` without repairs.
    public static func meetsGoal(_ limit: LimitRate) -> Bool? { limit.rate.map { $0 >= goalPercent } }
}
