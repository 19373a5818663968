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
        ])
    }
}

extension OnTimeRate {
    /// `{"on_time":…,"late":…,"open":…,"rate":…}`.
    public var json: JSONValue {
        .object([
            ("on_time", .number(Double(onTime))), ("late", .number(Double(late))), ("open", .number(Double(open))),
            ("rate", MonthlyReport.number(rate, places: 1)),
        ])
    }
}
