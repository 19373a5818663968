import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Testing

/// The monthly report's figures on the seeded October (`ReportMonthSeed`), worked out by hand
/// from the seed's timeline, not by re-running the report's SQL.
@Suite(.serialized) struct ReportStoreTests {
    @Test(.requiring(.postgres)) func theSeededMonthGivesTheHandComputedFigures() async throws {
        try await TimerScenario.run("report_month") { scenario in
            try await ReportMonthSeed.seed(on: scenario.connection, timekeeper: scenario.timekeeper)
            let report = try await ReportStore().monthlyReport(ReportMonth("2026-10")!, asOf: ReportMonthSeed.asOf,
                                                               on: scenario.connection)
            let all = report.json["overall"]!
            // Nine cases: the ones received 30 Sep 23:59:59 and 1 Nov 00:00 are outside the month.
            #expect(all["cases"] == .number(9))
            #expect(all["by_kind"]!.serialized == #"{"repair":6,"complaint":3}"#)
            #expect(all["by_priority"]!.serialized == #"{"general":5,"urgent":1}"#)
            // Cases: R1, R2, C1 on time; R3 (accept escalated), R5, R6, C2 late; R4, C3 still running.
            #expect(all["on_time"]!.serialized == #"{"on_time":3,"late":4,"open":2,"rate":42.9}"#)
            let timers = all["on_time_by_timer"]!
            #expect(timers["repair_accept"]!.serialized == #"{"on_time":4,"late":2,"open":0,"rate":66.7}"#)
            #expect(timers["repair_on_site"]!.serialized == #"{"on_time":4,"late":2,"open":0,"rate":66.7}"#)
            // R5 completed at 3 h against a 2 h limit, never fired in between: still late.
            #expect(timers["urgent_repair_completion"]!.serialized == #"{"on_time":0,"late":1,"open":0,"rate":0}"#)
            #expect(timers["complaint_first_reply"]!.serialized == #"{"on_time":2,"late":1,"open":0,"rate":66.7}"#)
            #expect(timers["follow_up_visit"]!.serialized == #"{"on_time":3,"late":0,"open":1,"rate":100}"#)
            #expect(timers["promised_feedback"]!.serialized == #"{"on_time":0,"late":0,"open":1,"rate":null}"#)
            // First response 60,120,180,240,480,1500,1800,3600,93600 s: rank 5 and rank 9.
            #expect(all["durations"]!.serialized == #"{"first_response":{"count":9,"median_seconds":480,"p90_seconds":93600},"on_site":{"count":6,"median_seconds":720,"p90_seconds":2400},"completion":{"count":6,"median_seconds":10800,"p90_seconds":172800}}"#)
            #expect(all["postponements"] == .number(1))
            #expect(all["escalations_by_level"]!.serialized == #"{"1":5,"2":1}"#)
            #expect(all["satisfaction"]!.serialized == #"{"responses":5,"average":4,"satisfied":4,"satisfied_rate":80,"distribution":[0,1,0,2,2]}"#)
            #expect(all["rework"]!.serialized == #"{"reopened_cases":1,"finished_cases":6,"rate":16.7}"#)
            #expect(report.departments.map(\.scope) == ["engineering", "security", "environment", "customer_service"])
            let engineering = report.departments[0]
            #expect(engineering.onTime.onTime == 2 && engineering.onTime.late == 3)
            #expect(engineering.escalationsByLevel == [Tally("1", 4), Tally("2", 1)])
            #expect(engineering.satisfaction.average == 3.75)
            #expect(engineering.reworkRate == 25)
            #expect(report.recurring.map(\.estate) == ["翠湖苑", "金桂园"])
            #expect(report.recurring.map(\.categories) == [[Tally("lighting", 2)], [Tally("staff_conduct", 2)]])
        }
    }
}
