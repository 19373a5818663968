/// Repair rework (返修): a repair reopened after it was completed was not fixed the first time.
/// Seed 003 四(一)1 asks for a 返修率 of at most 1 %.
///
/// The denominator is the month's repairs whose first `complete` fell in the month (Asia/Shanghai);
/// the numerator those of them reopened at least once by the report instant, even when the
/// reopening came after the month's end. Complaint reviews (复核, which also reopen a case) are
/// counted apart in `ComplaintReviews`.
public struct RepairRework: Sendable, Equatable {
    /// The highest rework rate the procedure allows, in percent (返修率不高于1%).
    public static let ceilingPercent = 1.0

    /// Repairs received in the month and completed (first `complete`) before its end.
    public var completed: Int
    /// Of those, repairs reopened at least once.
    public var reworked: Int

    /// Creates the figures.
    public init(completed: Int = 0, reworked: Int = 0) {
        self.completed = completed
        self.reworked = reworked
    }

    /// Reworked ÷ completed in percent, `nil` when nothing was completed.
    public var rate: Double? { ReportMath.percent(reworked, of: completed) }
    /// Whether the rate stays at or below 1 %; `nil` when nothing was completed.
    public var withinCeiling: Bool? { rate.map { $0 <= Self.ceilingPercent } }
}

/// Complaints the resident asked to have reviewed (复核), which reopens them; not rework of a repair.
public struct ComplaintReviews: Sendable, Equatable {
    /// Complaints resolved at least once.
    public var resolved: Int
    /// Complaints reopened for review at least once.
    public var reviewed: Int
    /// Reviews in total (a complaint may be reopened more than once).
    public var reviews: Int

    /// Creates the figures.
    public init(resolved: Int = 0, reviewed: Int = 0, reviews: Int = 0) {
        self.resolved = resolved
        self.reviewed = reviewed
        self.reviews = reviews
    }

    /// Reviewed ÷ resolved complaints in percent, `nil` when none was resolved.
    public var rate: Double? { ReportMath.percent(reviewed, of: resolved) }
}

/// How the month's complaints were assessed (seed 004 第4篇 5.2, 5.6; `cases.validity`,
/// `cases.other_body`).
public struct ValidityCounts: Sendable, Equatable {
    /// Complaints received.
    public var complaints: Int
    /// Assessed valid (有效投诉).
    public var valid: Int
    /// Assessed invalid (无效投诉).
    public var invalid: Int
    /// Not assessed yet.
    public var notAssessed: Int
    /// Complaints naming another body (water company, power bureau…), whatever their validity.
    public var otherBody: Int
    /// Those complaints by body, most first.
    public var byOtherBody: [Tally]

    /// Creates the counts.
    public init(complaints: Int = 0, valid: Int = 0, invalid: Int = 0, notAssessed: Int = 0, otherBody: Int = 0,
                byOtherBody: [Tally] = []) {
        self.complaints = complaints
        self.valid = valid
        self.invalid = invalid
        self.notAssessed = notAssessed
        self.otherBody = otherBody
        self.byOtherBody = byOtherBody
    }
}
