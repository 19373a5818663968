import CaretakerCore
import Testing

/// The new figures of `ReportFixtureMonth` in JSON, CSV, the text table and HTML.
@Suite struct MonthlyReportFormatTests {
    let report = ReportFixtureMonth.report

    @Test func jsonCarriesBothRatesAndTheNotYetDueCases() throws {
        let all = try #require(report.json["overall"])
        #expect(all["on_time"]?.serialized
            == #"{"on_time":10,"late":4,"open":3,"total":17,"rate":58.8,"decided_rate":71.4,"not_yet_due":["E5","C3","C4"]}"#)
        #expect(all["quick_repairs"]?.serialized == #"{"goal_percent":98,"#
            + #""target":{"limit_seconds":7200,"on_time":4,"late":3,"open":1,"total":8,"rate":50,"meets_goal":false,"not_yet_due":["E5"]},"#
            + #""ceiling":{"limit_seconds":86400,"on_time":5,"late":1,"open":2,"total":8,"rate":62.5,"meets_goal":false,"not_yet_due":["E5","E6"]},"#
            + #""declined":1}"#)
        #expect(all["repair_rework"]?.serialized
            == #"{"completed":7,"reworked":2,"rate":28.6,"ceiling_percent":1,"within_ceiling":false}"#)
        #expect(all["complaint_reviews"]?.serialized == #"{"resolved":3,"reviewed":2,"reviews":3,"rate":66.7}"#)
        #expect(all["validity"]?.serialized
            == #"{"complaints":5,"valid":2,"invalid":2,"not_assessed":1,"other_body":2,"by_other_body":{"developer":1,"power_bureau":1}}"#)
    }

    @Test func csvHasOneLinePerFigureAndPerNotYetDueCase() {
        let lines = Set(report.csv.split(separator: "\n").map(String.init))
        for line in ["all,on_time,rate,58.8", "all,on_time,decided_rate,71.4", "all,on_time,not_yet_due,C4",
                     "engineering,on_time.urgent_repair_completion,not_yet_due,E5",
                     "engineering,quick_repairs.target,rate,42.9", "engineering,quick_repairs.ceiling,not_yet_due,E6",
                     "environment,quick_repairs.target,rate,100.0", "engineering,repair_rework,rate,33.3",
                     "customer_service,complaint_reviews,reviews,1", "security,validity.other_body,developer,1",
                     "customer_service,validity,not_assessed,1"] {
            #expect(lines.contains(line), "\(line)")
        }
    }

    @Test func tableAndHTMLListTheNotYetDueCasesAndTheGoals() {
        let table = report.table.split(separator: "\n").map(String.init)
        #expect(table.contains { $0.hasPrefix("全部 All") && $0.contains("58.8% (10/17)") && $0.contains("71.4% (10/14)") })
        #expect(table.contains { $0.hasPrefix("全部 All") && $0.contains("案件 Cases") && $0.hasSuffix("E5 C3 C4") })
        #expect(table.contains { $0.hasPrefix("工程部 Engineering") && $0.contains("42.9% (3/7) ✗") && $0.contains("57.1% (4/7) ✗") })
        #expect(table.contains { $0.hasPrefix("环境部 Environment") && $0.contains("100.0% (1/1) ✓") })
        #expect(table.contains { $0.hasPrefix("工程部 Engineering") && $0.contains("33.3% (2/6) ✗") })
        let html = report.html
        #expect(html.contains("<td>E5 C3 C4</td>") && html.contains("零修急修"))
        #expect(html.contains("<td>28.6% (2/7) ✗</td>"))
    }
}
