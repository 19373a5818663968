extension MonthlyReport {
    /// The section's title in the text table and the page.
    static let developerRepairsTitle = "开发商保修 Developer repairs (工作联系单, seed 003 五(二)4)"

    /// Developer repairs overall and per department, finished and open.
    var developerRepairCountTable: TextTable {
        var table = TextTable(header: ["部门 Scope", "开发商保修 Developer repairs", "已完成 Finished", "未完成 Open"])
        for count in [developerRepairs.overall] + developerRepairs.departments {
            table.rows.append([ReportLabels.label(count.scope), String(count.total), String(count.finished), String(count.open)])
        }
        return table
    }

    /// One line per developer repair, in receipt order.
    var developerRepairCaseTable: TextTable {
        var table = TextTable(header: ["案件号 Case", "部门 Department", "小区 Estate", "位置 Location", "类别 Category",
                                       "等级 Priority", "状态 State"])
        for repair in developerRepairs.cases {
            table.rows.append([repair.caseNumber, ReportLabels.label(repair.department), repair.estate ?? "-",
                               repair.location ?? "-", repair.category, repair.priority.map(ReportLabels.label) ?? "-",
                               Self.label(repair.state)])
        }
        return table
    }

    /// `已完成 Finished` or `未完成 Open`.
    static func label(_ state: DeveloperRepairState) -> String {
        switch state {
        case .finished: "已完成 Finished"
        case .open: "未完成 Open"
        }
    }

    /// `developer_repairs` in the JSON document (docs/report.md, "Developer repairs").
    var developerRepairsJSON: JSONValue {
        func counts(_ count: DeveloperRepairCount) -> [(String, JSONValue)] {
            [("total", .number(Double(count.total))), ("finished", .number(Double(count.finished))),
             ("open", .number(Double(count.open)))]
        }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object(counts(developerRepairs.overall) + [
            ("by_department", .object(developerRepairs.departments.map { ($0.scope, .object(counts($0))) })),
            ("cases", .array(developerRepairs.cases.map { repair in
                .object([("case_number", .string(repair.caseNumber)), ("department", .string(repair.department)),
                         ("estate", text(repair.estate)), ("location", text(repair.location)),
                         ("category", .string(repair.category)), ("priority", text(repair.priority)),
                         ("state", .string(repair.state.rawValue))])
            })),
        ])
    }

    /// The CSV lines: `SCOPE,developer_repairs,total|finished|open,N` for `all` and each department,
    /// then six `CASE NUMBER,developer_repair,KEY,VALUE` lines per repair (an unknown value empty).
    func addDeveloperRepairs(_ add: (String, String, String, String) -> Void) {
        for count in [developerRepairs.overall] + developerRepairs.departments {
            add(count.scope, "developer_repairs", "total", String(count.total))
            add(count.scope, "developer_repairs", "finished", String(count.finished))
            add(count.scope, "developer_repairs", "open", String(count.open))
        }
        for repair in developerRepairs.cases {
            for (key, value) in [("department", repair.department), ("estate", repair.estate ?? ""),
                                 ("location", repair.location ?? ""), ("category", repair.category),
                                 ("priority", repair.priority ?? ""), ("state", repair.state.rawValue)] {
                add(repair.caseNumber, "developer_repair", key, value)
            }
        }
    }

    /// The page's section: the counts, then the repairs.
    var developerRepairsHTML: String {
        "<h2>\(HTMLText.escape(Self.developerRepairsTitle))</h2>\n"
            + Self.htmlTable(developerRepairCountTable.header, developerRepairCountTable.rows)
            + Self.htmlTable(developerRepairCaseTable.header, developerRepairCaseTable.rows)
    }
}
