import CaretakerCore

/// A hand-computed October 2026 for the pure report tests, judged at 1 November 01:00 +08:00.
///
/// Engineering E1–E11, environment V1, customer service C1–C4, security S1. Each case's number is
/// its name. E4, E7 and V1 are developer repairs, each in its own estate (the other repairs are
/// free); S1's complaint names the developer as another body, which makes it no developer repair.
/// The expected figures are worked out in `MonthlyReportBuilderTests`' and `DeveloperRepairsTests`'
/// comments.
enum ReportFixtureMonth {
    static let month = ReportMonth("2026-10")!
    static let asOf = time("2026-11-01T01:00:00+08:00")
    static let t0 = time("2026-10-20T08:00:00+08:00")
    static let hour = 3_600

    static func time(_ text: String) -> RFC3339Timestamp { RFC3339Timestamp(text)! }

    static func repair(_ number: String, _ priority: String, department: String = "engineering", received: RFC3339Timestamp = t0,
                       completion: Int? = nil, reopenings: Int = 0, declined: Bool = false,
                       developer: (estate: String, location: String, state: String)? = nil,
                       timers: [String: TimerOutcome]) -> CaseFacts {
        CaseFacts(caseNumber: number, receivedAt: received, kind: "repair", department: department, category: "lighting",
                  priority: priority, estate: developer?.estate, reopenings: reopenings,
                  completionSeconds: completion, timers: timers, declined: declined,
                  responsibility: developer == nil ? "free" : "developer", location: developer?.location,
                  state: developer?.state ?? "closed")
    }

    static func complaint(_ number: String, department: String = "customer_service", validity: String?,
                          otherBody: String? = nil, completion: Int? = nil, reopenings: Int = 0,
                          timers: [String: TimerOutcome]) -> CaseFacts {
        CaseFacts(caseNumber: number, receivedAt: t0, kind: "complaint", department: department, category: "staff_conduct",
                  severity: "important", reopenings: reopenings, completionSeconds: completion, timers: timers,
                  validity: validity, otherBody: otherBody)
    }

    static let quick = "urgent_repair_completion", general = "general_repair_completion", reply = "complaint_first_reply"

    static let cases: [CaseFacts] = [
        repair("E1", "urgent", completion: 1 * hour, timers: [quick: .onTime, "repair_accept": .onTime]),
        repair("E2", "small", completion: 2 * hour, timers: [quick: .onTime]),
        repair("E3", "small", completion: 2 * hour + 1, timers: [quick: .late]),
        repair("E4", "urgent", developer: ("翠湖苑", "3号楼外墙", "dispatched"), timers: [quick: .late]),
        repair("E5", "small", received: time("2026-10-31T23:30:00+08:00"), timers: [quick: .open]),
        repair("E6", "urgent", received: time("2026-10-31T22:00:00+08:00"), timers: [quick: .late]),
        // Completed, then reopened for rework: a developer repair that is open again.
        repair("E7", "general", completion: 10 * hour, reopenings: 1, developer: ("金桂园", "5号楼地下室", "accepted"),
               timers: [general: .onTime]),
        // Completed 2 min "before" receipt (a console's clock behind): counts as 0 s.
        repair("E8", "small", completion: -120, reopenings: 2, timers: [quick: .onTime]),
        repair("E9", "urgent", declined: true, timers: ["repair_accept": .onTime]),
        // Completed at 1 Nov 00:00 exactly: not in October, so not in the rework denominator.
        repair("E10", "general", received: time("2026-10-31T20:00:00+08:00"), completion: 4 * hour, reopenings: 1,
               timers: [general: .onTime]),
        repair("E11", "general", received: time("2026-10-31T20:00:00+08:00"), completion: 4 * hour - 1,
               timers: [general: .onTime]),
        repair("V1", "small", department: "environment", completion: hour / 2, developer: ("银杏里", "1号楼屋面", "work_order_returned"),
               timers: [quick: .onTime]),
        complaint("C1", validity: "valid", completion: 24 * hour, reopenings: 1,
                  timers: [reply: .onTime, "complaint_result": .onTime]),
        complaint("C2", validity: "invalid", completion: 2 * hour, timers: [reply: .late]),
        complaint("C3", validity: "valid", otherBody: "power_bureau", timers: [reply: .onTime, "complaint_result": .open]),
        complaint("C4", validity: nil, timers: [reply: .open]),
        complaint("S1", department: "security", validity: "invalid", otherBody: "developer", completion: 3 * hour,
                  reopenings: 2, timers: [reply: .onTime]),
    ]

    static var report: MonthlyReport { MonthlyReportBuilder.build(month: month, asOf: asOf, cases: cases) }
}
