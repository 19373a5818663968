extension MonthlyReport {
    /// The report as one self-contained HTML page (inline CSS and SVG charts, no scripts or
    /// external files) that a supervisor can open in a browser or print.
    public var html: String {
        let sections = [overall] + departments
        let title = "物业服务月报 Monthly report \(month)"
        var body = "<h1>\(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"meta\">统计截至 As of \(HTMLText.escape(asOf.description)) · 案件 \(overall.cases) cases · "
            + "及时率 On-time rate \(ReportLabels.percent(overall.onTime.rate)) (\(overall.onTime.onTime)/\(overall.onTime.total))</p>\n"
        body += Self.htmlTable(
            ["部门 Scope", "案件 Cases", "投诉 Complaints", "报修 Repairs", "及时率 On time ÷ all", "已判定 ÷ decided",
             "首次响应 First response", "到场 On site", "完成 Completion", "延期 Postponed", "升级 Escalations",
             "满意度 Satisfaction", "返工率 Rework (all cases)"],
            sections.map { section in
                let kinds = Dictionary(uniqueKeysWithValues: section.byKind.map { ($0.key, $0.count) })
                return [ReportLabels.label(section.scope), String(section.cases), String(kinds["complaint"] ?? 0),
                        String(kinds["repair"] ?? 0), ReportLabels.percent(section.onTime.rate),
                        ReportLabels.percent(section.onTime.decidedRate)]
                    + section.durations.map { "\(ReportLabels.duration($0.medianSeconds)) / \(ReportLabels.duration($0.p90Seconds))" }
                    + [String(section.postponements), String(section.escalationsByLevel.map(\.count).reduce(0, +)),
                       section.satisfaction.average.map { String(ReportMath.rounded($0, places: 2)) } ?? "-",
                       ReportLabels.percent(section.reworkRate)]
            })
        body += "<p class=\"note\">时长为中位数 / 90 分位 (median / p90). 及时率 = 按时 ÷ 全部 (seed 004, 未到期案件计入分母); 已判定 = 按时 ÷ (按时 + 超时).</p>\n"
        body += "<div class=\"charts\">\n"
        body += SVGBarChart(
            title: "各部门案件 Cases by department",
            bars: departments.map { .init(label: ReportLabels.label($0.scope), value: Double($0.cases), text: String($0.cases)) },
            scale: Double(departments.map(\.cases).max() ?? 0)).svg + "\n"
        body += SVGBarChart(
            title: "及时率 On-time rate by timer",
            bars: ([overall.onTime] + overall.onTimeByTimer).filter { $0.total > 0 }.map {
                .init(label: ReportLabels.label($0.kind), value: $0.rate ?? 0, text: "\(ReportLabels.percent($0.rate)) (\($0.onTime)/\($0.total))")
            }, scale: 100, target: 98, colour: "#2e8b57").svg + "\n"
        body += SVGBarChart(
            title: "案件类别 Cases by category",
            bars: overall.byCategory.prefix(10).map { .init(label: $0.key, value: Double($0.count), text: String($0.count)) },
            scale: Double(overall.byCategory.first?.count ?? 0), colour: "#8a5a9e").svg + "\n"
        body += SVGBarChart(
            title: "回访满意度 Satisfaction (1–5)",
            bars: (1...5).reversed().map { score in
                let count = overall.satisfaction.distribution[score - 1]
                return .init(label: "\(score) 分", value: Double(count), text: String(count))
            }, scale: Double(overall.satisfaction.distribution.max() ?? 0), colour: "#d08a1e").svg + "\n"
        body += SVGBarChart(
            title: "升级 Escalations by level",
            bars: overall.escalationsByLevel.map { .init(label: "第 \($0.key) 级 Level \($0.key)", value: Double($0.count), text: String($0.count)) },
            scale: Double(overall.escalationsByLevel.map(\.count).max() ?? 0), colour: "#c0392b").svg + "\n"
        body += Self.quickRepairChart(departments).svg + "\n"
        body += "</div>\n"
        body += "<h2>各时限及时率 On time by timer</h2>\n" + Self.htmlTable(
            ["部门 Scope", "时限 Timer", "按时 On time", "超时 Late", "未到期 Not yet due", "合计 Total", "及时率 ÷ all",
             "已判定 ÷ decided"],
            sections.flatMap { section in
                section.onTimeByTimer.map { [ReportLabels.label(section.scope), ReportLabels.label($0.kind), String($0.onTime),
                                             String($0.late), String($0.open), String($0.total), ReportLabels.percent($0.rate),
                                             ReportLabels.percent($0.decidedRate)] }
            })
        body += Self.htmlFigures(sections)
        body += "<h2>类别与等级 Categories, severity and priority</h2>\n" + Self.htmlTable(
            ["部门 Scope", "类别 Category / grade", "案件 Cases"],
            sections.flatMap { section in
                section.byCategory.map { [ReportLabels.label(section.scope), $0.key, String($0.count)] }
                    + section.bySeverity.map { [ReportLabels.label(section.scope), "投诉 " + ReportLabels.label($0.key), String($0.count)] }
                    + section.byPriority.map { [ReportLabels.label(section.scope), "报修 " + ReportLabels.label($0.key), String($0.count)] }
            })
        body += "<h2>重复问题 Recurring problems by estate</h2>\n" + Self.htmlTable(
            ["小区 Estate", "类别 Category", "案件 Cases"],
            recurring.flatMap { estate in estate.categories.map { [estate.estate, $0.key, String($0.count)] } })
        body += developerRepairsHTML
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func htmlTable(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p class=\"note\">无数据 No data</p>\n" }
        let head = header.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        let lines = rows.map { "<tr>" + $0.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>" }
        return "<table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(lines.joined(separator: "\n"))\n</tbody>\n</table>\n"
    }

    static let style = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
               margin: 24px; color: #222; font-size: 13px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 22px 0 8px; }
        .meta, .note { color: #555; margin: 4px 0 12px; }
        table { border-collapse: collapse; margin-bottom: 8px; }
        th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
        th { background: #eef2f7; } tbody tr:nth-child(even) { background: #fafafa; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px 32px; margin-top: 12px; }
        .chart-title { font-size: 14px; font-weight: bold; fill: #222; }
        .chart-label, .chart-value, .chart-empty { font-size: 12px; fill: #333; }
        .chart-target { stroke: #c0392b; stroke-dasharray: 4 3; stroke-width: 1.5; }
        @media print { body { margin: 8mm; } .charts { page-break-inside: avoid; } }
        """
}
