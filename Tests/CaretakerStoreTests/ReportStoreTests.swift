import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Testing

/// The monthly report's figures on the seeded October (`ReportMonthSeed`), worked out by hand
/// from the seed's timeline, not by re-running the report's SQL.
@Suite(.serialized) struct ReportStoreTests {
    /// A reminder before the deadline (level 0, the handler's) is not lateness: every on-time timer
    /// of the seeded month is given one, and the figures stay the same.
    @Test(.requiring(.postgres)) func aReminderBeforeTheDeadlineDoesNotMakeATimerLate() async throws {
        try await TimerScenario.run("report_reminded") { scenario in
            try await ReportMonthSeed.seed(on: scenario.connection, timekeeper: scenario.timekeeper)
            let month = ReportMonth("2026-10")!
            let before = try await ReportStore().monthlyReport(month, asOf: ReportMonthSeed.asOf, on: scenario.connection)
            let reminded = try await scenario.connection.execute("""
                UPDATE timers SET reminded_at = started_at, fired_at = started_at
                WHERE level = 0 AND fired_at IS NULL AND state IN ('cancelled', 'completed')
                """)
            #expect(reminded > 0)
            let after = try await ReportStore().monthlyReport(month, asOf: ReportMonthSeed.asOf, on: scenario.connection)
            #expect(after.json["overall"]!["on_time_by_timer"]!.serialized == before.json["overall"]!["on_time_by_timer"]!.serialized)
            #expect(after.json["overall"]!["on_time"]!.serialized == before.json["overall"]!["on_time"]!.serialized)
        }
    }

    @Test(.requiring(.postgres)) func theSeededMonthGivesTheHandComputedFigures() async throws {
        try await TimerScenario.run("report_month") { scenario in
            try await ReportMonthSeed.seed(on: scenario.connection, timekeeper: scenario.timekeeper)
            let report = try await ReportStore().monthlyReport(ReportMonth("2026-10")!, asOf: ReportMonthSeed.asOf,
                                                               on: scenario.connection)
            let all = report.json["overall"]!
            // The facts come in receipt order, then case number: R1…R6, C1…C3 as seeded.
            let facts = try await ReportStore().facts(ReportMonth("2026-10")!, asOf: ReportMonthSeed.asOf, on: scenario.connection)
            #expect(facts.map(\.category) == ["lighting", "lighting", "water_leak", "drain_blockage", "elevator", "lighting",
                                              "staff_conduct", "staff_conduct", "parking"])
            let number = Dictionary(uniqueKeysWithValues: zip(["R1", "R2", "R3", "R4", "R5", "R6", "C1", "C2", "C3"],
                                                              facts.map(\.caseNumber)))
            // Nine cases: the ones received 30 Sep 23:59:59 and 1 Nov 00:00 are outside the month.
            #expect(all["cases"] == .number(9))
            #expect(all["by_kind"]!.serialized == #"{"repair":6,"complaint":3}"#)
            #expect(all["by_priority"]!.serialized == #"{"general":5,"urgent":1}"#)
            // Cases: R1, R2, C1 on time; R3 (accept escalated), R5, R6, C2 late; R4, C3 still running,
            // not yet due: seed 004's rate is 3 ÷ 9, the decided cases' 3 ÷ 7.
            #expect(all["on_time"]!.serialized
                == #"{"on_time":3,"late":4,"open":2,"total":9,"rate":33.3,"decided_rate":42.9,"not_yet_due":["\#(number["R4"]!)","\#(number["C3"]!)"]}"#)
            let timers = all["on_time_by_timer"]!
            #expect(timers["repair_accept"]!.serialized == #"{"on_time":4,"late":2,"open":0,"total":6,"rate":66.7,"decided_rate":66.7,"not_yet_due":[]}"#)
            #expect(timers["repair_on_site"]!.serialized == #"{"on_time":4,"late":2,"open":0,"total":6,"rate":66.7,"decided_rate":66.7,"not_yet_due":[]}"#)
            // R5 completed at 3 h against a 2 h limit, never fired in between: still late.
            #expect(timers["urgent_repair_completion"]!.serialized == #"{"on_time":0,"late":1,"open":0,"total":1,"rate":0,"decided_rate":0,"not_yet_due":[]}"#)
            #expect(timers["complaint_first_reply"]!.serialized == #"{"on_time":2,"late":1,"open":0,"total":3,"rate":66.7,"decided_rate":66.7,"not_yet_due":[]}"#)
            // R3's follow-up visit restarted with its reopening: not yet due.
            #expect(timers["follow_up_visit"]!.serialized
                == #"{"on_time":3,"late":0,"open":1,"total":4,"rate":75,"decided_rate":100,"not_yet_due":["\#(number["R3"]!)"]}"#)
            #expect(timers["promised_feedback"]!.serialized
                == #"{"on_time":0,"late":0,"open":1,"total":1,"rate":0,"decided_rate":null,"not_yet_due":["\#(number["R4"]!)"]}"#)
            // The assessments: C1 and C3 analysed 10 and 5 minutes after, C2's explanation given by
            // its resolve (1 day after); C3's contact for the water company is due at 35 min + 3 d.
            #expect(timers["valid_complaint_analysis"]!.serialized == #"{"on_time":2,"late":0,"open":0,"total":2,"rate":100,"decided_rate":100,"not_yet_due":[]}"#)
            #expect(timers["invalid_complaint_explanation"]!.serialized == #"{"on_time":1,"late":0,"open":0,"total":1,"rate":100,"decided_rate":100,"not_yet_due":[]}"#)
            #expect(timers["other_body_contact"]!.serialized == #"{"on_time":0,"late":0,"open":1,"total":1,"rate":0,"decided_rate":null,"not_yet_due":["\#(number["C3"]!)"]}"#)
            // First response 60,120,180,240,480,1500,1800,3600,93600 s: rank 5 and rank 9.
            #expect(all["durations"]!.serialized == #"{"first_response":{"count":9,"median_seconds":480,"p90_seconds":93600},"on_site":{"count":6,"median_seconds":720,"p90_seconds":2400},"completion":{"count":6,"median_seconds":10800,"p90_seconds":172800}}"#)
            #expect(all["postponements"] == .number(1))
            #expect(all["escalations_by_level"]!.serialized == #"{"1":5,"2":1}"#)
            #expect(all["satisfaction"]!.serialized == #"{"responses":5,"average":4,"satisfied":4,"satisfied_rate":80,"distribution":[0,1,0,2,2]}"#)
            #expect(all["rework"]!.serialized == #"{"reopened_cases":1,"finished_cases":6,"rate":16.7}"#)
            // Small/urgent: only R5 (urgent), completed at 3 h: late against 2 h, on time against 24 h.
            #expect(all["quick_repairs"]!.serialized == #"{"goal_percent":98,"#
                + #""target":{"limit_seconds":7200,"on_time":0,"late":1,"open":0,"total":1,"rate":0,"meets_goal":false,"not_yet_due":[]},"#
                + #""ceiling":{"limit_seconds":86400,"on_time":1,"late":0,"open":0,"total":1,"rate":100,"meets_goal":true,"not_yet_due":[]},"#
                + #""declined":0}"#)
            // Repairs completed in October: R1, R2, R3, R5 (R4 and R6 never completed); R3 reopened.
            #expect(all["repair_rework"]!.serialized
                == #"{"completed":4,"reworked":1,"rate":25,"ceiling_percent":1,"within_ceiling":false}"#)
            // Complaints resolved: C1, C2; none asked for review.
            #expect(all["complaint_reviews"]!.serialized == #"{"resolved":2,"reviewed":0,"reviews":0,"rate":0}"#)
            #expect(all["validity"]!.serialized
                == #"{"complaints":3,"valid":2,"invalid":1,"not_assessed":0,"other_body":1,"by_other_body":{"water_company":1}}"#)
            #expect(report.departments.map(\.scope) == ["engineering", "security", "environment", "customer_service"])
            let engineering = report.departments[0]
            #expect(engineering.onTime.onTime == 2 && engineering.onTime.late == 3)
            #expect(engineering.escalationsByLevel == [Tally("1", 4), Tally("2", 1)])
            #expect(engineering.satisfaction.average == 3.75)
            #expect(engineering.reworkRate == 25)
            #expect(engineering.repairRework == RepairRework(completed: 4, reworked: 1))
            #expect(engineering.quickRepairs.target == LimitRate(limitSeconds: 7_200, onTime: 0, late: 1))
            #expect(report.departments[2].repairRework == RepairRework(completed: 0, reworked: 0))
            #expect(report.departments[2].quickRepairs.target.total == 0)
            #expect(report.departments[1].validity == ValidityCounts(
                complaints: 1, valid: 1, invalid: 0, notAssessed: 0, otherBody: 1, byOtherBody: [Tally("water_company", 1)]))
            #expect(report.departments[3].validity == ValidityCounts(complaints: 2, valid: 1, invalid: 1))
            #expect(report.departments[3].onTime.notYetDue == [])
            #expect(report.recurring.map(\.estate) == ["翠湖苑", "金桂园"])
            #expect(report.recurring.map(\.categories) == [[Tally("lighting", 2)], [Tally("staff_conduct", 2)]])
            // Developer repairs: R3 (reopened, completed again, work order returned: finished) and
            // R4 (on site, postponed: open); the one received 1 Nov is outside the month.
            #expect(report.developerRepairs.overall == DeveloperRepairCount(scope: "all", finished: 1, open: 1))
            #expect(report.developerRepairs.departments == [DeveloperRepairCount(scope: "engineering", finished: 1, open: 0),
                                                            DeveloperRepairCount(scope: "environment", finished: 0, open: 1)])
            #expect(report.json["developer_repairs"]!["cases"]!.serialized == "["
                + #"{"case_number":"\#(number["R3"]!)","department":"engineering","estate":"翠湖苑","location":"5号楼地下室","#
                + #""category":"water_leak","priority":"general","state":"finished"},"#
                + #"{"case_number":"\#(number["R4"]!)","department":"environment","estate":"金桂园","location":null,"#
                + #""category":"drain_blockage","priority":"general","state":"open"}]"#)
            #expect(facts.map(\.responsibility) == ["free", "free", "developer", "developer", "free", "free", nil, nil, nil])
        }
    }
}
