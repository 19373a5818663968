import CaretakerCore
import Testing

/// The developer repairs of `ReportFixtureMonth` (seed 003 五(二)4), worked out by hand: E4
/// (engineering, urgent, dispatched: open), E7 (engineering, general, completed then reopened, now
/// accepted: open), V1 (environment, small, work order returned: finished). The other repairs are
/// free and S1 is a complaint naming the developer as another body: none of them is listed.
@Suite struct DeveloperRepairsTests {
    let report = ReportFixtureMonth.report

    @Test func countsOverallAndPerDepartment() {
        let summary = report.developerRepairs
        #expect(summary.overall == DeveloperRepairCount(scope: "all", finished: 1, open: 2))
        #expect(summary.overall.total == 3)
        #expect(summary.departments == [DeveloperRepairCount(scope: "engineering", finished: 0, open: 2),
                                        DeveloperRepairCount(scope: "environment", finished: 1, open: 0)])
    }

    @Test func listsEachRepairInReceiptOrder() {
        #expect(report.developerRepairs.cases == [
            DeveloperRepair(caseNumber: "E4", department: "engineering", estate: "翠湖苑", location: "3号楼外墙",
                            category: "lighting", priority: "urgent", state: .open),
            DeveloperRepair(caseNumber: "E7", department: "engineering", estate: "金桂园", location: "5号楼地下室",
                            category: "lighting", priority: "general", state: .open),
            DeveloperRepair(caseNumber: "V1", department: "environment", estate: "银杏里", location: "1号楼屋面",
                            category: "lighting", priority: "small", state: .finished),
        ])
    }

    /// Finished once the work is done; a reopened repair is back in `accepted`, so open again.
    @Test(arguments: [
        ("dispatched", DeveloperRepairState.open), ("accepted", .open), ("on_site", .open),
        ("completed", .finished), ("work_order_returned", .finished), ("followed_up", .finished), ("closed", .finished),
        ("no_such_state", .open),
    ])
    func stateFollowsTheLifecycle(_ lifecycle: String, _ expected: DeveloperRepairState) {
        #expect(DeveloperRepairState(lifecycleState: lifecycle) == expected)
    }

    @Test func aMonthWithoutDeveloperRepairsStillCountsZero() {
        let month = MonthlyReportBuilder.build(month: ReportFixtureMonth.month, asOf: ReportFixtureMonth.asOf,
                                               cases: ReportFixtureMonth.cases.filter { $0.responsibility != "developer" })
        #expect(month.developerRepairs == DeveloperRepairs(overall: DeveloperRepairCount(scope: "all", finished: 0, open: 0),
                                                           departments: [], cases: []))
        #expect(month.json["developer_repairs"]?.serialized
            == #"{"total":0,"finished":0,"open":0,"by_department":{},"cases":[]}"#)
    }

    @Test func jsonHasTheCountsAndTheCases() throws {
        let json = try #require(report.json["developer_repairs"])
        #expect(json["total"] == .number(3) && json["finished"] == .number(1) && json["open"] == .number(2))
        #expect(json["by_department"]?.serialized
            == #"{"engineering":{"total":2,"finished":0,"open":2},"environment":{"total":1,"finished":1,"open":0}}"#)
        #expect(json["cases"]?.serialized.hasPrefix(
            #"[{"case_number":"E4","department":"engineering","estate":"翠湖苑","location":"3号楼外墙","#
            + #""category":"lighting","priority":"urgent","state":"open"},"#) == true)
        #expect(json["cases"]?.serialized.hasSuffix(#""priority":"small","state":"finished"}]"#) == true)
    }

    @Test func csvHasCountsPerScopeAndSixLinesPerRepair() {
        let lines = report.csv.split(separator: "\n").map(String.init)
        for line in ["all,developer_repairs,total,3", "all,developer_repairs,finished,1", "engineering,developer_repairs,open,2",
                     "environment,developer_repairs,finished,1", "E4,developer_repair,location,3号楼外墙",
                     "E7,developer_repair,state,open", "V1,developer_repair,department,environment",
                     "V1,developer_repair,priority,small", "V1,developer_repair,state,finished"] {
            #expect(lines.contains(line), "\(line)")
        }
        #expect(lines.filter { $0.contains(",developer_repair,") }.count == 18)
        #expect(!lines.contains { $0.hasPrefix("S1,developer_repair,") || $0.hasPrefix("E1,developer_repair,") })
    }

    @Test func tableAndHTMLListTheRepairs() {
        let table = report.table.split(separator: "\n").map(String.init)
        #expect(table.contains { $0.hasPrefix("开发商保修 Developer repairs") })
        let cells = table.map { $0.split(separator: " ").map(String.init) }
        #expect(cells.contains(["全部", "All", "3", "1", "2"]))
        #expect(cells.contains(["工程部", "Engineering", "2", "0", "2"]))
        #expect(table.contains { $0.hasPrefix("E7") && $0.contains("金桂园") && $0.contains("5号楼地下室")
                                 && $0.contains("一般 General") && $0.hasSuffix("未完成 Open") })
        #expect(table.contains { $0.hasPrefix("V1") && $0.contains("环境部 Environment") && $0.hasSuffix("已完成 Finished") })
        let html = report.html
        #expect(html.contains("<h2>开发商保修 Developer repairs"))
        #expect(html.contains("<tr><td>E4</td><td>工程部 Engineering</td><td>翠湖苑</td><td>3号楼外墙</td><td>lighting</td>"
            + "<td>急修 Urgent</td><td>未完成 Open</td></tr>"))
        #expect(html.contains("<tr><td>工程部 Engineering</td><td>2</td><td>0</td><td>2</td></tr>"))
    }
}
