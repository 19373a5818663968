extension MonthlyReport {
    /// The report as plain-text tables for a terminal: a summary per scope, on-time rates per
    /// timer kind, cases by category, the recurring problems per estate and the developer repairs.
    public var table: String {
        let sections = [overall] + departments
        var summary = TextTable(header: [
            "部门 Scope", "案件 Cases", "投诉 Complaints", "报修 Repairs", "及时率 On time ÷ all", "已判定 On time ÷ decided",
            "首次响应 First response (median/p90)", "到场 On site (median/p90)", "完成 Completion (median/p90)",
            "延期 Postponed", "升级 Escalations L1/L2/L3", "满意度 Satisfaction", "返工率 Rework (all cases)",
        ])
        for section in sections {
            let kinds = Dictionary(uniqueKeysWithValues: section.byKind.map { ($0.key, $0.count) })
            let levels = Dictionary(uniqueKeysWithValues: section.escalationsByLevel.map { ($0.key, $0.count) })
            summary.rows.append([
                ReportLabels.label(section.scope), String(section.cases), String(kinds["complaint"] ?? 0),
                String(kinds["repair"] ?? 0),
                "\(ReportLabels.percent(section.onTime.rate)) (\(section.onTime.onTime)/\(section.onTime.total))",
                "\(ReportLabels.percent(section.onTime.decidedRate)) (\(section.onTime.onTime)/\(section.onTime.decided))",
            ] + section.durations.map { "\(ReportLabels.duration($0.medianSeconds)) / \(ReportLabels.duration($0.p90Seconds))" } + [
                "\(section.postponedCases) (\(section.postponements))",
                ["1", "2", "3"].map { String(levels[$0] ?? 0) }.joined(separator: "/"),
                section.satisfaction.average.map { "\(ReportMath.rounded($0, places: 2)) (n=\(section.satisfaction.responses))" } ?? "-",
                "\(ReportLabels.percent(section.reworkRate)) (\(section.reworkedCases)/\(section.finishedCases))",
            ])
        }
        var timers = TextTable(header: ["部门 Scope", "时限 Timer", "按时 On time", "超时 Late", "未到期 Not yet due",
                                        "合计 Total", "及时率 ÷ all", "已判定 ÷ decided"])
        for section in sections {
            for rate in section.onTimeByTimer {
                timers.rows.append([ReportLabels.label(section.scope), ReportLabels.label(rate.kind), String(rate.onTime),
                                    String(rate.late), String(rate.open), String(rate.total), ReportLabels.percent(rate.rate),
                                    ReportLabels.percent(rate.decidedRate)])
            }
        }
        var categories = TextTable(header: ["部门 Scope", "类别 Category", "案件 Cases"])
        for section in sections {
            for tally in section.byCategory {
                categories.rows.append([ReportLabels.label(section.scope), tally.key, String(tally.count)])
            }
        }
        var grades = TextTable(header: ["部门 Scope", "等级 Severity / priority", "案件 Cases"])
        for section in sections {
            for tally in section.bySeverity {
                grades.rows.append([ReportLabels.label(section.scope), "投诉 " + ReportLabels.label(tally.key), String(tally.count)])
            }
            for tally in section.byPriority {
                grades.rows.append([ReportLabels.label(section.scope), "报修 " + ReportLabels.label(tally.key), String(tally.count)])
            }
        }
        var estates = TextTable(header: ["小区 Estate", "重复问题 Recurring category", "案件 Cases"])
        for estate in recurring {
            for tally in estate.categories { estates.rows.append([estate.estate, tally.key, String(tally.count)]) }
        }
        return """
            物业服务月报 Monthly report \(month) (as of \(asOf))

            \(summary.text)
            \(timers.text)
            \(Self.notYetDueTable(sections).text)
            \(Self.quickRepairTable(sections).text)
            \(Self.reworkTable(sections).text)
            \(Self.validityTable(sections).text)
            \(categories.text)
            \(grades.text)
            \(estates.text)
            \(Self.developerRepairsTitle)
            \(developerRepairCountTable.text)
            \(developerRepairCaseTable.text)
            """
    }
}
