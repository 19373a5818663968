import CaretakerCore
import Testing

/// One small repair judged against the 2 h target and 24 h ceiling: the boundaries.
@Suite struct QuickRepairLimitTests {
    enum Verdict: String, Sendable { case onTime, late, notYetDue }

    struct Probe: Sendable, CustomTestStringConvertible {
        /// Seconds from receipt to completion, `nil` when unfinished.
        var completion: Int?
        /// Age at the report instant, seconds; `nil` when the receipt time is unknown.
        var age: Int64?
        var target: Verdict
        var ceiling: Verdict
        var testDescription: String { "completion \(completion.map(String.init) ?? "-") age \(age.map(String.init) ?? "-")" }
    }

    static let asOf = RFC3339Timestamp("2026-10-31T23:00:00+08:00")!

    @Test(arguments: [
        Probe(completion: 7_200, age: 100_000, target: .onTime, ceiling: .onTime),
        Probe(completion: 7_201, age: 100_000, target: .late, ceiling: .onTime),
        Probe(completion: 86_400, age: 100_000, target: .late, ceiling: .onTime),
        Probe(completion: 86_401, age: 100_000, target: .late, ceiling: .late),
        Probe(completion: -60, age: 100_000, target: .onTime, ceiling: .onTime),
        Probe(completion: nil, age: 7_200, target: .notYetDue, ceiling: .notYetDue),
        Probe(completion: nil, age: 7_201, target: .late, ceiling: .notYetDue),
        Probe(completion: nil, age: 86_401, target: .late, ceiling: .late),
        Probe(completion: nil, age: nil, target: .notYetDue, ceiling: .notYetDue),
    ])
    func limitVerdict(_ probe: Probe) {
        let received = probe.age.map {
            RFC3339Timestamp(secondsSinceEpoch: Self.asOf.secondsSinceEpoch - $0, utcOffsetMinutes: 480)
        }
        let facts = CaseFacts(caseNumber: "BX-1", receivedAt: received, kind: "repair", department: "engineering",
                              category: "lighting", priority: "small", completionSeconds: probe.completion)
        let quick = MonthlyReportBuilder.build(month: ReportMonth("2026-10")!, asOf: Self.asOf, cases: [facts])
            .overall.quickRepairs
        #expect(Self.verdict(quick.target) == probe.target)
        #expect(Self.verdict(quick.ceiling) == probe.ceiling)
    }

    /// General and major repairs, complaints and declined unfinished repairs are not small/urgent figures.
    @Test(arguments: [("general", false), ("major", false), ("urgent", true), ("small", true)])
    func onlySmallAndUrgentRepairsCount(priority: String, counted: Bool) {
        let repair = CaseFacts(caseNumber: "BX-2", receivedAt: Self.asOf, kind: "repair", department: "engineering",
                               category: "lighting", priority: priority, completionSeconds: 60)
        let declined = CaseFacts(caseNumber: "BX-3", receivedAt: Self.asOf, kind: "repair", department: "engineering",
                                 category: "lighting", priority: priority, declined: true)
        let quick = MonthlyReportBuilder.build(month: ReportMonth("2026-10")!, asOf: Self.asOf, cases: [repair, declined])
            .overall.quickRepairs
        #expect(quick.target.total == (counted ? 1 : 0))
        #expect(quick.declined == (counted ? 1 : 0))
    }

    static func verdict(_ limit: LimitRate) -> Verdict? {
        switch (limit.onTime, limit.late, limit.notYetDue.count) {
        case (1, 0, 0): .onTime
        case (0, 1, 0): .late
        case (0, 0, 1): .notYetDue
        default: nil
        }
    }
}
