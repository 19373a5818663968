extension MonthlyReport {
    /// The report as a JSON document (docs/report.md lists the members). Rates are percentages
    /// rounded to one decimal, `null` when nothing was counted; durations are whole seconds.
    public var json: JSONValue {
        .object([
            ("month", .string(month.description)), ("as_of", .string(asOf.description)),
            ("overall", overall.json),
            ("departments", .array(departments.map(\.json))),
            ("recurring", .array(recurring.map { estate in
                .object([("estate", .string(estate.estate)), ("categories", Self.tallies(estate.categories))])
            })),
            ("developer_repairs", developerRepairsJSON),
        ])
    }

    static func tallies(_ tallies: [Tally]) -> JSONValue {
        .object(tallies.map { ($0.key, .number(Double($0.count))) })
    }

    static func number(_ value: Double?, places: Int) -> JSONValue {
        value.map { .number(ReportMath.rounded($0, places: places)) } ?? .null
    }

    static func number(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
}

extension ReportSection {
    /// One section as a JSON object.
    public var json: JSONValue {
        .object([
            ("scope", .string(scope)), ("cases", .number(Double(cases))),
            ("by_kind", MonthlyReport.tallies(byKind)), ("by_category", MonthlyReport.tallies(byCategory)),
            ("by_severity", MonthlyReport.tallies(bySeverity)), ("by_priority", MonthlyReport.tallies(byPriority)),
            ("on_time", onTime.json),
            ("on_time_by_timer", .object(onTimeByTimer.map { ($0.kind, $0.json) })),
            ("durations", .object(durations.map { summary in
                (summary.measure, .object([
                    ("count", .number(Double(summary.count))),
                    ("median_seconds", MonthlyReport.number(summary.medianSeconds)),
                    ("p90_seconds", MonthlyReport.number(summary.p90Seconds)),
                ]))
            })),
            ("postponed_cases", .number(Double(postponedCases))), ("postponements", .number(Double(postponements))),
            ("escalations_by_level", MonthlyReport.tallies(escalationsByLevel)),
            ("satisfaction", .object([
                ("responses", .number(Double(satisfaction.responses))),
                ("average", MonthlyReport.number(satisfaction.average, places: 2)),
                ("satisfied", .number(Double(satisfaction.satisfied))),
                ("satisfied_rate", MonthlyReport.number(satisfaction.satisfiedRate, places: 1)),
                ("distribution", .array(satisfaction.distribution.map { .number(Double($0)) })),
            ])),
            ("rework", .object([
                ("reopened_cases", .number(Double(reworkedCases))), ("finished_cases", .number(Double(finishedCases))),
                ("rate", MonthlyReport.number(reworkRate, places: 1)),
            ])),
            ("quick_repairs", .object([
                ("goal_percent", .number(QuickRepairTimeliness.goalPercent)),
                ("target", quickRepairs.target.json), ("ceiling", quickRepairs.ceiling.json),
                ("declined", .number(Double(quickRepairs.declined))),
            ])),
            ("repair_rework", .object([
                ("completed", .number(Double(repairRework.completed))), ("reworked", .number(Double(repairRework.reworked))),
                ("rate", MonthlyReport.number(repairRework.rate, places: 1)),
                ("ceiling_percent", .number(RepairRework.ceilingPercent)),
                ("within_ceiling", repairRework.withinCeiling.map(JSONValue.bool) ?? .null),
            ])),
            ("complaint_reviews", .object([
                ("resolved", .number(Double(complaintReviews.resolved))),
                ("reviewed", .number(Double(complaintReviews.reviewed))),
                ("reviews", .number(Double(complaintReviews.reviews))),
                ("rate", MonthlyReport.number(complaintReviews.rate, places: 1)),
            ])),
            ("validity", .object([
                ("complaints", .number(Double(validity.complaints))), ("valid", .number(Double(validity.valid))),
                ("invalid", .number(Double(validity.invalid))), ("not_assessed", .number(Double(validity.notAssessed))),
                ("other_body", .number(Double(validity.otherBody))),
                ("by_other_body", MonthlyReport.tallies(validity.byOtherBody)),
            ])),
        ])
    }
}

extension LimitRate {
    /// `{"limit_seconds","on_time","late","open","total","rate","meets_goal","not_yet_due":[…]}`.
    public var json: JSONValue {
        .object([
            ("limit_seconds", .number(Double(limitSeconds))),
            ("on_time", .number(Double(onTime))), ("late", .number(Double(late))),
            ("open", .number(Double(notYetDue.count))), ("total", .number(Double(total))),
            ("rate", MonthlyReport.number(rate, places: 1)),
            ("meets_goal", QuickRepairTimeliness.meetsGoal(self).map(JSONValue.bool) ?? .null),
            ("not_yet_due", .array(notYetDue.map(JSONValue.string))),
        ])
    }
}

extension OnTimeRate {
    /// `{"on_time","late","open","total","rate","decided_rate","not_yet_due":[case numbers]}`:
    /// `rate` is seed 004's (on time ÷ total), `decided_rate` leaves the open ones out.
    public var json: JSONValue {
        .object([
            ("on_time", .number(Double(onTime))), ("late", .number(Double(late))), ("open", .number(Double(open))),
            ("total", .number(Double(total))), ("rate", MonthlyReport.number(rate, places: 1)),
            ("decided_rate", MonthlyReport.number(decidedRate, places: 1)),
            ("not_yet_due", .array(notYetDue.map(JSONValue.string))),
        ])
    }
}
