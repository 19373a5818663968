extension MonthlyReport {
    /// The cases not yet due, per scope and per timer (`cases` for the case rate), by number.
    static func notYetDueTable(_ sections: [ReportSection]) -> TextTable {
        var table = TextTable(header: ["部门 Scope", "时限 Timer", "未到期案件 Not yet due (case numbers)"])
        for section in sections {
            for rate in [section.onTime] + section.onTimeByTimer where !rate.notYetDue.isEmpty {
                table.rows.append([ReportLabels.label(section.scope), ReportLabels.label(rate.kind),
                                   rate.notYetDue.joined(separator: " ")])
            }
        }
        return table
    }

    /// Small and urgent repairs against 2 h and 24 h, next to the 98 % goal.
    static func quickRepairTable(_ sections: [ReportSection]) -> TextTable {
        var table = TextTable(header: ["部门 Scope", "零修急修 Small/urgent", "≤2h 目标 Target", "≤24h 上限 Ceiling",
                                       "目标 Goal", "未到期 Not yet due (2h / 24h)", "放弃 Declined"])
        for section in sections {
            let quick = section.quickRepairs
            table.rows.append([
                ReportLabels.label(section.scope), String(quick.target.total), limitText(quick.target),
                limitText(quick.ceiling), "≥\(SVGBarChart.format(QuickRepairTimeliness.goalPercent))%",
                "\(quick.target.notYetDue.count) / \(quick.ceiling.notYetDue.count)", String(quick.declined),
            ])
        }
        return table
    }

    /// Repair rework against 1 %, and complaint reviews apart.
    static func reworkTable(_ sections: [ReportSection]) -> TextTable {
        var table = TextTable(header: ["部门 Scope", "返修率 Repair rework (≤1%)", "复核 Complaint reviews"])
        for section in sections {
            let rework = section.repairRework, reviews = section.complaintReviews
            table.rows.append([
                ReportLabels.label(section.scope),
                "\(ReportLabels.percent(rework.rate)) (\(rework.reworked)/\(rework.completed))\(mark(rework.withinCeiling))",
                "\(ReportLabels.percent(reviews.rate)) (\(reviews.reviewed)/\(reviews.resolved), \(reviews.reviews) reviews)",
            ])
        }
        return table
    }

    /// Complaints by assessment.
    static func validityTable(_ sections: [ReportSection]) -> TextTable {
        var table = TextTable(header: ["部门 Scope", "投诉 Complaints", "有效 Valid", "无效 Invalid", "未认定 Not assessed",
                                       "涉及外单位 Other body"])
        for section in sections {
            let counts = section.validity
            let bodies = counts.byOtherBody.map { "\(ReportLabels.label($0.key)) \($0.count)" }.joined(separator: ", ")
            table.rows.append([ReportLabels.label(section.scope), String(counts.complaints), String(counts.valid),
                               String(counts.invalid), String(counts.notAssessed),
                               bodies.isEmpty ? String(counts.otherBody) : "\(counts.otherBody) (\(bodies))"])
        }
        return table
    }

    /// `"83.3% (5/6) ✗"`: the rate, its fraction and whether it meets the 98 % goal.
    static func limitText(_ limit: LimitRate) -> String {
        "\(ReportLabels.percent(limit.rate)) (\(limit.onTime)/\(limit.total))\(mark(QuickRepairTimeliness.meetsGoal(limit)))"
    }

    /// ` ✓` when a goal is met, ` ✗` when missed, nothing when there is nothing to judge.
    static func mark(_ met: Bool?) -> String {
        guard let met else { return "" }
        return met ? " ✓" : " ✗"
    }
}
