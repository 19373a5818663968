/// The monthly statistics (seed 003, 004): overall, per department, recurring problems per
/// estate, and the repairs for the developer. A pure value; `MonthlyReportBuilder` computes it from `CaseFacts`.
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
    /// The month's repairs under the developer's warranty, for the developer (seed 003 五(二)4).
    public var developerRepairs: DeveloperRepairs
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
    /// Small and urgent repairs against 2 h and 24 h.
    public var quickRepairs: QuickRepairTimeliness
    /// Repairs reopened after completion (返修).
    public var repairRework: RepairRework
    /// Complaints reopened for review (复核).
    public var complaintReviews: ComplaintReviews
    /// Complaints by assessment.
    public var validity: ValidityCounts

    /// Reworked ÷ finished cases of both kinds in percent, `nil` when nothing was finished.
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

/// How many timers (or cases) were on time, late, or not yet due (docs/report.md, "On time").
public struct OnTimeRate: Sendable, Equatable {
    /// The timer kind, or `cases` for the case rate.
    public var kind: String
    /// Met.
    public var onTime: Int
    /// Missed, or still running past the deadline.
    public var late: Int
    /// Case numbers still running with the deadline ahead (not yet due), in receipt order.
    public var notYetDue: [String]

    /// Creates the counts.
    public init(kind: String, onTime: Int, late: Int, notYetDue: [String]) {
        self.kind = kind
        self.onTime = onTime
        self.late = late
        self.notYetDue = notYetDue
    }

    /// How many are not yet due.
    public var open: Int { notYetDue.count }
    /// Every case counted: the denominator of the seed 004 rate.
    public var total: Int { onTime + late + open }
    /// 及时率 as seed 004 第3篇 4.5 3 defines it: on time ÷ all × 100 %, not-yet-due cases
    /// included in the denominator; `nil` when there is nothing.
    public var rate: Double? { ReportMath.percent(onTime, of: total) }
    /// On time plus late: the denominator of the rate of decided cases.
    public var decided: Int { onTime + late }
    /// On time ÷ (on time + late) in percent, leaving not-yet-due cases out; `nil` when nothing
    /// is decided. Not the seed's formula: it shows how the decided cases went.
    public var decidedRate: Double? { ReportMath.percent(onTime, of: decided) }
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
