/// Computes a `MonthlyReport` from the facts of the month's cases: pure counting, no I/O.
public enum MonthlyReportBuilder {
    /// The report for `month` as of `asOf`, overall, per department and per estate.
    public static func build(month: ReportMonth, asOf: RFC3339Timestamp, cases: [CaseFacts]) -> MonthlyReport {
        let departments = inDepartmentOrder(Set(cases.map(\.department)))
        return MonthlyReport(
            month: month, asOf: asOf, overall: section("all", cases, month: month, asOf: asOf),
            departments: departments.map { department in
                section(department, cases.filter { $0.department == department }, month: month, asOf: asOf)
            },
            recurring: recurring(cases), developerRepairs: DeveloperRepairs(cases))
    }

    /// `departments` in `Department` order, unknown names after them alphabetically.
    static func inDepartmentOrder(_ departments: Set<String>) -> [String] {
        let order = Department.allCases.map(\.rawValue)
        return departments.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }
    }

    /// The figures for one scope of `month`, timers and unfinished repairs judged at `asOf`.
    public static func section(_ scope: String, _ cases: [CaseFacts], month: ReportMonth,
                               asOf: RFC3339Timestamp) -> ReportSection {
        let timerKinds = Set(cases.flatMap(\.timers.keys)).sorted()
        let onTimeByTimer = timerKinds.map { kind in
            rate(kind, cases.compactMap { facts in facts.timers[kind].map { (facts.caseNumber, $0) } })
        }
        let levels = Set(cases.flatMap(\.escalationsByLevel.keys)).sorted()
        var distribution = [0, 0, 0, 0, 0]
        for score in cases.compactMap(\.satisfaction) where (1...5).contains(score) { distribution[score - 1] += 1 }
        return ReportSection(
            scope: scope, cases: cases.count,
            byKind: tally(cases.map(\.kind)), byCategory: tally(cases.map(\.category)),
            bySeverity: tally(cases.compactMap(\.severity)), byPriority: tally(cases.compactMap(\.priority)),
            onTimeByTimer: onTimeByTimer, onTime: rate("cases", cases.map { ($0.caseNumber, $0.outcome) }),
            durations: [
                duration("first_response", cases.compactMap(\.firstResponseSeconds)),
                duration("on_site", cases.compactMap(\.onSiteSeconds)),
                duration("completion", cases.compactMap(\.completionSeconds)),
            ],
            postponedCases: cases.filter { $0.postponements > 0 }.count,
            postponements: cases.map(\.postponements).reduce(0, +),
            escalationsByLevel: levels.map { level in
                Tally(String(level), cases.map { $0.escalationsByLevel[level] ?? 0 }.reduce(0, +))
            },
            satisfaction: SatisfactionSummary(responses: distribution.reduce(0, +), distribution: distribution),
            reworkedCases: cases.filter { $0.reopenings > 0 }.count,
            finishedCases: cases.filter(\.finished).count,
            quickRepairs: quickRepairs(cases, asOf: asOf), repairRework: repairRework(cases, month: month),
            complaintReviews: complaintReviews(cases), validity: validity(cases))
    }

    /// Counts of each distinct value, most first, ties by name.
    static func tally(_ values: [String]) -> [Tally] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.map { Tally($0.key, $0.value) }.sorted { ($1.count, $0.key) < ($0.count, $1.key) }
    }

    /// Counts outcomes given as (case number, outcome), keeping the numbers of those not yet due.
    static func rate(_ kind: String, _ outcomes: [(String, TimerOutcome)]) -> OnTimeRate {
        OnTimeRate(kind: kind, onTime: outcomes.filter { $0.1 == .onTime }.count,
                   late: outcomes.filter { $0.1 == .late }.count,
                   notYetDue: outcomes.filter { $0.1 == .open }.map(\.0))
    }

    /// Median and p90 of `seconds`; a step recorded before receipt counts as 0 s, never negative.
    static func duration(_ measure: String, _ recorded: [Int]) -> DurationSummary {
        let seconds = recorded.map { max(0, $0) }
        return DurationSummary(measure: measure, count: seconds.count, medianSeconds: ReportMath.percentile(0.5, of: seconds),
                        p90Seconds: ReportMath.percentile(0.9, of: seconds))
    }

    /// Per estate (by name), up to three categories with two or more cases.
    static func recurring(_ cases: [CaseFacts]) -> [EstateRecurrence] {
        var byEstate: [String: [String]] = [:]
        for facts in cases {
            guard let estate = facts.estate, !estate.isEmpty else { continue }
            byEstate[estate, default: []].append(facts.category)
        }
        return byEstate.keys.sorted().compactMap { estate in
            let top = tally(byEstate[estate]!).filter { $0.count >= 2 }.prefix(3)
            return top.isEmpty ? nil : EstateRecurrence(estate: estate, categories: Array(top))
        }
    }
}
