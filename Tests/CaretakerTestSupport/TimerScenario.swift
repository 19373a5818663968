import CaretakerCore
import CaretakerStore
import Foundation
import Postgres

/// A scratch database where cases get their SLA timers from the shipped policy and calendar,
/// and time is whatever the test says it is.
public struct TimerScenario: Sendable {
    /// Monday 2 November 2026, 08:00 in Shanghai: when the reports in these tests come in.
    public static let t0 = RFC3339Timestamp("2026-11-02T08:00:00+08:00")!

    public let database: ScratchDatabase
    public let connection: PostgresConnection
    public let timekeeper: SLATimekeeper

    public static func start(_ purpose: String) async throws -> TimerScenario {
        let database = try await ScratchDatabase.create(purpose)
        let connection = try await database.connect()
        _ = try await MigrationRunner().migrate(on: connection)
        return TimerScenario(database: database, connection: connection, timekeeper: try shippedTimekeeper())
    }

    /// Runs `body` with a new scenario and finishes it afterwards, also when `body` throws.
    public static func run<T>(_ purpose: String, isolation: isolated (any Actor)? = #isolation,
                              _ body: (TimerScenario) async throws -> T) async throws -> T {
        let scenario = try await start(purpose)
        return try await withCleanup { try await body(scenario) } cleanup: { try await scenario.finish() }
    }

    /// The timekeeper built from `config/sla-policy.json` and `config/calendars/`.
    public static func shippedTimekeeper() throws -> SLATimekeeper {
        let config = TestServers.repositoryRoot.appendingPathComponent("config")
        let policy = try SLAPolicy.parse(Array(try Data(contentsOf: config.appendingPathComponent("sla-policy.json"))))
        let calendar = try WorkingCalendar.parse(
            Array(try Data(contentsOf: config.appendingPathComponent("calendars/cn-2026.json"))))
        return SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: try CalendarSet([calendar])))
    }

    public func finish() async throws {
        await connection.close()
        try await database.drop()
    }

    /// `minutes` after `t0`.
    public static func at(minutes: Int64) -> RFC3339Timestamp {
        RFC3339Timestamp(secondsSinceEpoch: t0.secondsSinceEpoch + minutes * 60, utcOffsetMinutes: 480)
    }

    /// Records `count` reports received at `t0` with their timers; returns the case ids.
    @discardableResult
    public func createCases(_ count: Int, kind: IntakeMessage.Kind = .repair, priority: RepairPriority = .general,
                     promisedFeedbackAt: RFC3339Timestamp? = nil, prefix: String = "t") async throws -> [String] {
        var ids: [String] = []
        let recorder = IntakeRecorder(observers: [timekeeper])
        for start in stride(from: 0, to: count, by: 200) {
            let items: [IntakeItem] = (start..<min(count, start + 200)).map { index in
                let message = IntakeMessage(
                    messageID: "\(prefix)-\(index)", kind: kind, text: kind == .repair ? "楼道灯不亮" : "前台态度差",
                    receivedAt: Self.t0, channel: .hotline, promisedFeedbackAt: promisedFeedbackAt)
                let decision = kind == .repair
                    ? TriageDecision(department: .engineering, category: "lighting", priority: priority,
                                     responsibility: .free, rulesVersion: "test")
                    : TriageDecision(department: .customerService, category: "staff_conduct", severity: .important,
                                     rulesVersion: "test")
                return .report(message, decision, accused: [])
            }
            for outcome in try await recorder.record(items, now: Self.t0, on: connection) {
                if case .created(let id, _) = outcome { ids.append(id) }
            }
        }
        return ids
    }

    /// Fires everything due at `now`, batch after batch, until nothing is due.
    @discardableResult
    public func fireAll(at now: RFC3339Timestamp, store: TimerFiringStore? = nil) async throws -> TimerFiringStore.Report {
        let store = store ?? TimerFiringStore(timekeeper: timekeeper)
        var total = TimerFiringStore.Report()
        while true {
            let report = try await store.fireDue(now: now, limit: 100, on: connection)
            guard report.claimed > 0 else { return total }
            total.claimed += report.claimed
            total.reminders += report.reminders
            total.escalations += report.escalations
        }
    }

    /// Routing keys of the timer events in the outbox for one case and timer kind, in order.
    public func timerEvents(case caseID: String, kind: String) async throws -> [String] {
        try await connection.query("""
            SELECT routing_key FROM outbox
            WHERE case_id = \(caseID)::uuid AND message_id LIKE \("timer-\(caseID)-\(kind)-%") ORDER BY id
            """).map { try $0.decode("routing_key", as: String.self) }
    }

    /// A number from a one-value query.
    public func count(_ sql: SQLQuery) async throws -> Int {
        try await connection.query(sql).single().decode(0, as: Int.self)
    }
}
