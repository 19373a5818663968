/// The monthly statistics (seed 003, 004): overall, per department, and recurring problems per
/// estate. A pure value; `MonthlyReportBuilder` computes it from `CaseFacts`.
public struct MonthlyReport: Sendable, Equatable {
    /// The month reported on.
    public var month: ReportMonth
    /// When the figures were taken: timers still running then are judged against this instant.
    public var asOf: RFC3339Timestamp
    /// Every case of the month.
    public var overall: ReportSection
    /// One section per department with cases, in `Department` order.
    public var departments: [ReportSection]
    /// Per estate, the categories reported at least twice, most frequent first.
    public var recurring: [EstateRecurrence]
}

/// The figures for one scope: all cases (`all`) or one department.
public struct ReportSection: Sendable, Equatable {
    /// `all` or a department's raw value.
    public var scope: String
    /// How many cases were received.
    public var cases: Int
    /// Cases by kind (`complaint`, `repair`), most first.
    public var byKind: [Tally]
    /// Cases by main category, most first.
    public var byCategory: [Tally]
    /// Complaints by severity, most first.
    public var bySeverity: [Tally]
    /// Repairs by priority, most first.
    public var byPriority: [Tally]
    /// The on-time rate of each timer kind that ran, by kind name.
    public var onTimeByTimer: [OnTimeRate]
    /// The on-time rate of cases (投诉处理及时率): a case is on time when all its timers were.
    public var onTime: OnTimeRate
    /// First response, on site and completion times.
    public var durations: [DurationSummary]
    /// Cases whose feedback date was postponed at least once.
    public var postponedCases: Int
    /// Postponements in total.
    public var postponements: Int
    /// Escalations by level (`1`, `2`, `3`), in level order.
    public var escalationsByLevel: [Tally]
    /// Follow-up satisfaction.
    public var satisfaction: SatisfactionSummary
    /// Cases reopened at least once (返工).
    public var reworkedCases: Int
    /// Cases completed or resolved at least once: the rework rate's denominator.
    public var finishedCases: Int

    /// Reworked ÷ finished cases in percent, `nil` when nothing was finished.
    public var reworkRate: Double? { ReportMath.percent(reworkedCases, of: finishedCases) }
}

/// A count under a key.
public struct Tally: Sendable, Equatable {
    /// What was counted (a kind, category, level...).
    public var key: String
    /// How many.
    public var count: Int

    /// Creates a tally.
    public init(_ key: String, _ count: Int) {
        self.key = key
        self.count = count
    }
}

/// How many timers (or cases) were on time, late, or still open.
public struct OnTimeRate: Sendable, Equatable {
    /// The timer kind, or `cases` for the case rate.
    public var kind: String
    /// Met.
    public var onTime: Int
    /// Missed.
    public var late: Int
    /// Still running, deadline ahead: left out of the rate.
    public var open: Int

    /// On time plus late: the denominator.
    public var decided: Int { onTime + late }
    /// On time ÷ decided in percent, `nil` when nothing is decided.
    public var rate: Double? { ReportMath.percent(onTime, of: decided) }
}

/// Median and 90th percentile of one duration, nearest-rank.
public struct DurationSummary: Sendable, Equatable {
    /// `first_response`, `on_site` or `completion`.
    public var measure: String
    /// How many cases reached that step.
    public var count: Int
    /// The median in seconds (nearest rank: the ⌈n/2⌉-th smallest).
    public var medianSeconds: Int?
    /// The 90th percentile in seconds (the ⌈0.9 n⌉-th smallest).
    public var p90Seconds: Int?
}

/// Satisfaction scores from follow-up visits (回访).
public struct SatisfactionSummary: Sendable, Equatable {
    /// Cases with a score.
    public var responses: Int
    /// How many gave 1, 2, 3, 4, 5 (index 0 is score 1).
    public var distribution: [Int]
    /// The mean score, `nil` without responses.
    public var average: Double? {
        responses == 0 ? nil : Double(distribution.enumerated().map { ($0 + 1) * $1 }.reduce(0, +)) / Double(responses)
    }
    /// Scores of 4 or 5.
    public var satisfied: Int { distribution[3] + distribution[4] }
    /// Satisfied ÷ responses in percent.
    public var satisfiedRate: Double? { ReportMath.percent(satisfied, of: responses) }
}

/// The categories an estate reported most often in the month.
public struct EstateRecurrence: Sendable, Equatable {
    /// The estate's name.
    public var estate: String
    /// Up to three categories with at least two cases, most first.
    public var categories: [Tally]
}
