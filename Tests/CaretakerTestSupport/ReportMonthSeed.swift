import CaretakerCore
import CaretakerStore
import Postgres

/// A small, hand-checkable October 2026 for the monthly report tests: nine cases received on
/// Monday 12 October at 08:00 (`t`), driven through commands and timer firings at chosen minutes
/// after `t`, plus one case just before and one just after the month. C1 and C3 are assessed
/// valid (C3 naming the water company) and analysed at once, C2 invalid. R3 (5号楼地下室) and R4
/// (no location) are building-quality defects under the developer's warranty, and so is the
/// repair received just after the month; the other repairs are free. The expected figures are
/// worked out by hand in `ReportStoreTests`.
public enum ReportMonthSeed {
    /// Monday 12 October 2026, 08:00 Shanghai.
    public static let t = RFC3339Timestamp("2026-10-12T08:00:00+08:00")!
    /// The report is taken 70 hours after `t`.
    public static let asOf = at(70 * 60)

    /// `minutes` after `t`.
    public static func at(_ minutes: Int64) -> RFC3339Timestamp {
        RFC3339Timestamp(secondsSinceEpoch: t.secondsSinceEpoch + minutes * 60, utcOffsetMinutes: 480)
    }

    struct Seeded {
        var name: String
        var kind: IntakeMessage.Kind
        var department: Department
        var category: String
        var estate: String
        var priority: RepairPriority = .general
        var receivedAt: RFC3339Timestamp = ReportMonthSeed.t
        var promised: RFC3339Timestamp? = nil
        var responsibility: RepairResponsibility = .free
        var location: String? = nil
    }

    static let cases: [Seeded] = [
        Seeded(name: "R1", kind: .repair, department: .engineering, category: "lighting", estate: "翠湖苑"),
        Seeded(name: "R2", kind: .repair, department: .engineering, category: "lighting", estate: "翠湖苑"),
        Seeded(name: "R3", kind: .repair, department: .engineering, category: "water_leak", estate: "翠湖苑",
               responsibility: .developer, location: "5号楼地下室"),
        Seeded(name: "R4", kind: .repair, department: .environment, category: "drain_blockage", estate: "金桂园",
               promised: at(2 * 1_440), responsibility: .developer),
        Seeded(name: "R5", kind: .repair, department: .engineering, category: "elevator", estate: "翠湖苑", priority: .urgent),
        Seeded(name: "R6", kind: .repair, department: .engineering, category: "lighting", estate: "金桂园"),
        Seeded(name: "C1", kind: .complaint, department: .customerService, category: "staff_conduct", estate: "金桂园"),
        Seeded(name: "C2", kind: .complaint, department: .customerService, category: "staff_conduct", estate: "金桂园"),
        Seeded(name: "C3", kind: .complaint, department: .security, category: "parking", estate: "金桂园"),
        Seeded(name: "before", kind: .repair, department: .engineering, category: "lighting", estate: "翠湖苑",
               receivedAt: RFC3339Timestamp("2026-09-30T23:59:59+08:00")!),
        Seeded(name: "after", kind: .repair, department: .engineering, category: "lighting", estate: "翠湖苑",
               receivedAt: RFC3339Timestamp("2026-11-01T00:00:00+08:00")!, responsibility: .developer, location: "1号楼屋面"),
    ]

    /// What happens, in time order: a command (`case`, command, extra fields) or a firing (`case` nil).
    static let timeline: [(minute: Int64, name: String?, command: String, fields: String)] = [
        (1, "R4", "accept", ""), (2, "R1", "accept", ""), (3, "R2", "accept", ""), (4, "R5", "accept", ""),
        (5, "R4", "arrive", ""), (6, nil, "fire", ""), (8, "R3", "accept", ""), (10, "R1", "arrive", ""),
        (12, "R2", "arrive", ""), (14, "R3", "arrive", ""), (21, nil, "fire", ""), (25, "R6", "accept", ""),
        (30, "R6", "arrive", ""), (30, "C3", "reply", #","note":"已联系""#),
        (35, "C3", "assess", #","validity":"valid","reason":"停车位被占","other_body":"water_company""#),
        (40, "R5", "arrive", ""), (40, "C3", "analyse", #","cause":"巡逻不到位""#),
        (60, "R1", "complete", #","note":"换灯泡""#), (60, "C1", "reply", #","note":"已联系""#),
        (60, "R4", "postpone", #","until":"2026-10-16T08:00:00+08:00","reason":"等配件""#),
        (100, "C1", "assess", #","validity":"valid","reason":"态度不好""#), (110, "C1", "analyse", #","cause":"培训不足""#),
        (90, "R2", "complete", #","note":"换灯泡""#), (120, "R1", "return_work_order", ""),
        (150, "R2", "return_work_order", ""), (180, "R5", "complete", #","note":"更换钢丝绳""#),
        (240, "R3", "complete", #","note":"换管""#), (240, "R5", "return_work_order", ""),
        (300, "R3", "return_work_order", ""),
        (1_440, "R1", "follow_up", #","satisfaction":5,"note":"好""#),
        (1_440, "R2", "follow_up", #","satisfaction":4,"note":"好""#),
        (1_440, "R5", "follow_up", #","satisfaction":4,"note":"好""#),
        (1_440, "C1", "resolve", #","note":"已道歉""#), (1_441, nil, "fire", ""),
        (1_560, "C2", "reply", #","note":"已联系""#),
        (1_600, "C2", "assess", #","validity":"invalid","reason":"非本公司责任""#), (2_880, "C2", "resolve", #","note":"已处理""#),
        (2_880, "C1", "follow_up", #","satisfaction":5,"note":"好""#),
        (2_880, "R3", "follow_up", #","satisfaction":2,"note":"还漏""#),
        (2_940, "R3", "reopen", #","reason":"仍然漏水""#), (2_942, "R3", "accept", ""), (2_950, "R3", "arrive", ""),
        (3_060, "R3", "complete", #","note":"重新换管""#), (3_120, "R3", "return_work_order", ""),
    ]

    /// Records the cases and plays the timeline on `connection`.
    public static func seed(on connection: PostgresConnection, timekeeper: SLATimekeeper) async throws {
        var ids: [String: String] = [:]
        let recorder = IntakeRecorder(observers: [timekeeper])
        for seeded in cases {
            let message = IntakeMessage(
                messageID: "seed-\(seeded.name)", kind: seeded.kind, text: seeded.kind == .repair ? "报修" : "投诉",
                receivedAt: seeded.receivedAt, channel: .hotline, estate: seeded.estate, location: seeded.location,
                promisedFeedbackAt: seeded.promised)
            let decision = seeded.kind == .repair
                ? TriageDecision(department: seeded.department, category: seeded.category, priority: seeded.priority,
                                 responsibility: seeded.responsibility, rulesVersion: "test")
                : TriageDecision(department: seeded.department, category: seeded.category, severity: .important,
                                 rulesVersion: "test")
            let outcomes = try await recorder.record([.report(message, decision, accused: [])],
                                                     now: seeded.receivedAt, on: connection)
            guard case .created(let id, _) = outcomes.first else { throw SeedError.notApplied("create \(seeded.name)") }
            ids[seeded.name] = id
        }
        let processor = CommandProcessor(observers: [timekeeper])
        let firing = TimerFiringStore(timekeeper: timekeeper)
        for (index, step) in timeline.enumerated() {
            let now = at(step.minute)
            guard let name = step.name else {
                while try await firing.fireDue(now: now, limit: 100, on: connection).claimed > 0 {}
                continue
            }
            // Validity is decided by customer service (ComplaintProcedure.deciders), whoever owns the case.
            let department = step.command == "assess" ? Department.customerService.rawValue
                : cases.first { $0.name == name }!.department.rawValue
            let body = #"{"command_id":"seed-\#(index)","case_id":"\#(ids[name]!)","at":"\#(now)","actor":{"id":"A\#(index)","audience":"\#(department)"}\#(step.fields)}"#
            let outcome = try await processor.apply(body: Array(body.utf8), routingKey: step.command, amqpMessageID: nil,
                                                    now: now, on: connection)
            guard case .applied = outcome else { throw SeedError.notApplied("\(name) \(step.command): \(outcome)") }
        }
    }

    /// A step of the seed was refused.
    public enum SeedError: Error { case notApplied(String) }
}
