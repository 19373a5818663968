extension MonthlyReport {
    /// The HTML sections for not-yet-due cases, small/urgent repairs, rework and validity; the
    /// same tables as the text report.
    static func htmlFigures(_ sections: [ReportSection]) -> String {
        [("未到期案件 Not yet due (in the denominator of 及时率)", notYetDueTable(sections)),
         ("零修急修及时率 Small and urgent repairs: 2 h target, 24 h ceiling, goal 98 %", quickRepairTable(sections)),
         ("返修率与复核 Repair rework (≤ 1 %) and complaint reviews", reworkTable(sections)),
         ("投诉认定 Complaint validity", validityTable(sections))]
            .map { title, table in "<h2>\(HTMLText.escape(title))</h2>\n" + htmlTable(table.header, table.rows) }
            .joined()
    }

    /// Each department's small/urgent on-time rate against the 2 h target, with the 98 % line.
    static func quickRepairChart(_ departments: [ReportSection]) -> SVGBarChart {
        SVGBarChart(
            title: "零修急修 2h 及时率 Small/urgent repairs within 2 h",
            bars: departments.filter { $0.quickRepairs.target.total > 0 }.map { section in
                let target = section.quickRepairs.target
                return .init(label: ReportLabels.label(section.scope), value: target.rate ?? 0,
                             text: "\(ReportLabels.percent(target.rate)) (\(target.onTime)/\(target.total))")
            }, scale: 100, target: QuickRepairTimeliness.goalPercent, colour: "#1e7f8a")
    }
}
