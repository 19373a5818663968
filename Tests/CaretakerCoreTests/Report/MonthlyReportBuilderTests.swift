import CaretakerCore
import Testing

/// The report's rates on `ReportFixtureMonth`, every figure worked out by hand.
@Suite struct MonthlyReportBuilderTests {
    let report = ReportFixtureMonth.report

    func section(_ scope: String) -> ReportSection {
        scope == "all" ? report.overall : report.departments.first { $0.scope == scope }!
    }

    /// Cases on time / late / not yet due per scope, seed 004 rate (÷ all) and rate of decided.
    struct CaseRate: Sendable, CustomTestStringConvertible {
        var scope: String, onTime: Int, late: Int, notYetDue: [String], rate: Double, decided: Double?
        var testDescription: String { scope }
    }

    // all: on time E1 E2 E7 E8 E9 E10 E11 V1 C1 S1 (10), late E3 E4 E6 C2 (4), open E5 C3 C4:
    // 10 ÷ 17 = 58.8 %, against 10 ÷ 14 = 71.4 % of the decided ones.
    @Test(arguments: [
        CaseRate(scope: "all", onTime: 10, late: 4, notYetDue: ["E5", "C3", "C4"], rate: 1_000.0 / 17, decided: 1_000.0 / 14),
        CaseRate(scope: "engineering", onTime: 7, late: 3, notYetDue: ["E5"], rate: 700.0 / 11, decided: 70),
        CaseRate(scope: "environment", onTime: 1, late: 0, notYetDue: [], rate: 100, decided: 100),
        CaseRate(scope: "customer_service", onTime: 1, late: 1, notYetDue: ["C3", "C4"], rate: 25, decided: 50),
        CaseRate(scope: "security", onTime: 1, late: 0, notYetDue: [], rate: 100, decided: 100),
    ])
    func caseRateCountsNotYetDueCasesInTheDenominator(_ expected: CaseRate) {
        let rate = section(expected.scope).onTime
        #expect(rate.onTime == expected.onTime && rate.late == expected.late)
        #expect(rate.notYetDue == expected.notYetDue)
        #expect(rate.total == expected.onTime + expected.late + expected.notYetDue.count)
        #expect(rate.rate == expected.rate)
        #expect(rate.decidedRate == expected.decided)
    }

    /// Per timer kind: urgent_repair_completion on time E1 E2 E8 V1, late E3 E4 E6, open E5 (4 ÷ 8);
    /// complaint_first_reply on time C1 C3 S1, late C2, open C4 (3 ÷ 5).
    @Test func timerRatesDivideByEveryTimerOfTheKind() throws {
        let timers = Dictionary(uniqueKeysWithValues: report.overall.onTimeByTimer.map { ($0.kind, $0) })
        let quick = try #require(timers["urgent_repair_completion"])
        #expect((quick.onTime, quick.late, quick.notYetDue) == (4, 3, ["E5"]))
        #expect(quick.rate == 50)
        #expect(quick.decidedRate == 400.0 / 7)
        let reply = try #require(timers["complaint_first_reply"])
        #expect((reply.onTime, reply.late, reply.notYetDue) == (3, 1, ["C4"]))
        #expect(reply.rate == 60 && reply.decidedRate == 75)
        #expect(timers["complaint_result"]?.notYetDue == ["C3"])
    }

    /// Small and urgent repairs, E9 (declined) left out. 2 h: on time E1 (1 h), E2 (2 h exactly),
    /// E8 (-2 min → 0), V1; late E3 (2 h 1 s), E4 and E6 (unfinished, older than 2 h); not yet
    /// due E5 (1.5 h old). 24 h: E3 also on time; E4 (12 days old) late; E5 and E6 (3 h old) not yet due.
    @Test func smallAndUrgentRepairsAgainstTwoAndTwentyFourHours() {
        let all = report.overall.quickRepairs
        #expect(all.target == LimitRate(limitSeconds: 7_200, onTime: 4, late: 3, notYetDue: ["E5"]))
        #expect(all.ceiling == LimitRate(limitSeconds: 86_400, onTime: 5, late: 1, notYetDue: ["E5", "E6"]))
        #expect(all.declined == 1)
        #expect(all.target.rate == 50 && all.ceiling.rate == 62.5)
        #expect(QuickRepairTimeliness.meetsGoal(all.target) == false)
        let engineering = section("engineering").quickRepairs
        #expect(engineering.target.rate == 300.0 / 7 && engineering.ceiling.rate == 400.0 / 7)
        let environment = section("environment").quickRepairs
        #expect(environment.target.rate == 100 && QuickRepairTimeliness.meetsGoal(environment.target) == true)
        #expect(section("customer_service").quickRepairs.target.rate == nil)
    }

    /// Repairs first completed in October: E1 E2 E3 E7 E8 E11 V1 (E10 finished 1 Nov 00:00);
    /// reworked E7 and E8. Complaint reviews apart: resolved C1 C2 S1, reopened C1 (once) and
    /// S1 (twice). The old all-case rework stays: reopened E7 E8 E10 C1 S1 of 11 finished.
    @Test func repairReworkIsCountedApartFromComplaintReviews() {
        #expect(report.overall.repairRework == RepairRework(completed: 7, reworked: 2))
        #expect(report.overall.repairRework.rate == 200.0 / 7)
        #expect(report.overall.repairRework.withinCeiling == false)
        #expect(section("engineering").repairRework == RepairRework(completed: 6, reworked: 2))
        #expect(section("environment").repairRework.withinCeiling == true)
        #expect(report.overall.complaintReviews == ComplaintReviews(resolved: 3, reviewed: 2, reviews: 3))
        #expect(section("customer_service").complaintReviews == ComplaintReviews(resolved: 2, reviewed: 1, reviews: 1))
        #expect(report.overall.reworkedCases == 5 && report.overall.finishedCases == 11)
    }

    /// Validity: C1 C3 valid, C2 S1 invalid, C4 not assessed; C3 names the power bureau, S1 the developer.
    @Test func complaintValidityPerDepartment() {
        #expect(report.overall.validity == ValidityCounts(
            complaints: 5, valid: 2, invalid: 2, notAssessed: 1, otherBody: 2,
            byOtherBody: [Tally("developer", 1), Tally("power_bureau", 1)]))
        #expect(section("customer_service").validity == ValidityCounts(
            complaints: 4, valid: 2, invalid: 1, notAssessed: 1, otherBody: 1, byOtherBody: [Tally("power_bureau", 1)]))
        #expect(section("security").validity == ValidityCounts(
            complaints: 1, valid: 0, invalid: 1, notAssessed: 0, otherBody: 1, byOtherBody: [Tally("developer", 1)]))
        #expect(section("engineering").validity.complaints == 0)
    }

    /// E8's completion 2 min before receipt is 0 s in the durations, never negative. Engineering
    /// completions sorted: 0, 3 600, 7 200, 7 201, 14 399, 14 400, 36 000: median rank 4, p90 rank 7.
    @Test func durationsAreNeverNegative() throws {
        let completion = try #require(section("engineering").durations.first { $0.measure == "completion" })
        #expect((completion.count, completion.medianSeconds, completion.p90Seconds) == (7, 7_201, 36_000))
        let e8 = ReportFixtureMonth.cases.filter { $0.caseNumber == "E8" }
        let alone = MonthlyReportBuilder.build(month: ReportFixtureMonth.month, asOf: ReportFixtureMonth.asOf, cases: e8)
        #expect(alone.overall.durations.first { $0.measure == "completion" }?.medianSeconds == 0)
    }
}
