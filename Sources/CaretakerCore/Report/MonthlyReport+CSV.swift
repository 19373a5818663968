extension MonthlyReport {
    /// The report as CSV in long form, one figure per line: `scope,section,key,value`, so a
    /// spreadsheet can pivot it. Rates are percentages with one decimal, durations seconds.
    public var csv: String {
        var lines = ["scope,section,key,value"]
        func add(_ scope: String, _ section: String, _ key: String, _ value: String) {
            lines.append([scope, section, key, value].map(Self.csvField).joined(separator: ","))
        }
        for section in [overall] + departments {
            let scope = section.scope
            add(scope, "cases", "total", String(section.cases))
            for (name, tallies) in [("by_kind", section.byKind), ("by_category", section.byCategory),
                                    ("by_severity", section.bySeverity), ("by_priority", section.byPriority),
                                    ("escalations_by_level", section.escalationsByLevel)] {
                for tally in tallies { add(scope, name, tally.key, String(tally.count)) }
            }
            for rate in [section.onTime] + section.onTimeByTimer {
                let name = rate.kind == "cases" ? "on_time" : "on_time.\(rate.kind)"
                add(scope, name, "on_time", String(rate.onTime))
                add(scope, name, "late", String(rate.late))
                add(scope, name, "open", String(rate.open))
                add(scope, name, "total", String(rate.total))
                add(scope, name, "rate", Self.csvNumber(rate.rate))
                add(scope, name, "decided_rate", Self.csvNumber(rate.decidedRate))
                for number in rate.notYetDue { add(scope, name, "not_yet_due", number) }
            }
            for summary in section.durations {
                add(scope, "duration.\(summary.measure)", "count", String(summary.count))
                add(scope, "duration.\(summary.measure)", "median_seconds", summary.medianSeconds.map(String.init) ?? "")
                add(scope, "duration.\(summary.measure)", "p90_seconds", summary.p90Seconds.map(String.init) ?? "")
            }
            add(scope, "postponements", "cases", String(section.postponedCases))
            add(scope, "postponements", "total", String(section.postponements))
            add(scope, "satisfaction", "responses", String(section.satisfaction.responses))
            add(scope, "satisfaction", "average", section.satisfaction.average.map { "\(ReportMath.rounded($0, places: 2))" } ?? "")
            add(scope, "satisfaction", "satisfied_rate", Self.csvNumber(section.satisfaction.satisfiedRate))
            add(scope, "rework", "reopened_cases", String(section.reworkedCases))
            add(scope, "rework", "finished_cases", String(section.finishedCases))
            add(scope, "rework", "rate", Self.csvNumber(section.reworkRate))
            Self.addFigures(section, scope: scope, add)
        }
        for estate in recurring {
            for tally in estate.categories { add(estate.estate, "recurring", tally.key, String(tally.count)) }
        }
        addDeveloperRepairs(add)
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvNumber(_ value: Double?) -> String { value.map { "\(ReportMath.rounded($0, places: 1))" } ?? "" }

    /// Quotes a field that holds a comma, quote or line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
    }
}
