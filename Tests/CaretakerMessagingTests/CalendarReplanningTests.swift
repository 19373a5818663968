import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Synchronization
import Testing

/// A working-day deadline that crosses into a year with no calendar waits as `needs_calendar`;
/// once a worker starts with a calendar for that year, its scheduler gives the timer its real
/// deadline, and the timer then fires like any other.
@Suite(.serialized) struct CalendarReplanningTests {
    /// Monday 29 December 2025, 10:00 in Shanghai: the complaint's 7 working days end in 2026.
    static let received = RFC3339Timestamp("2025-12-29T10:00:00+08:00")!

    /// A 2025 calendar with weekends only (enough for the last days of December).
    static let calendar2025 = Array("""
        {"version": "test-2025.1", "year": 2025, "weekend": ["saturday", "sunday"],
         "holidays": [{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-08"}], "workdays": []}
        """.utf8)

    final class Lines: Sendable {
        let collected = Mutex<[String]>([])
        var all: [String] { collected.withLock { $0 } }
        func containing(_ text: String) -> [String] { all.filter { $0.contains(text) } }
    }

    @Test(.requiring(.postgres)) func aNeedsCalendarTimerGetsItsDeadlineWhenTheNextYearsCalendarIsLoadedAndThenFires() async throws {
        try await ScratchDatabase.with("replan_calendar") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let config = TestServers.repositoryRoot.appendingPathComponent("config")
            let policy = try SLAPolicy.parse(Array(try Data(contentsOf: config.appendingPathComponent("sla-policy.json"))))
            let only2025 = try CalendarSet([try WorkingCalendar.parse(Self.calendar2025)])
            let with2026 = try CalendarSet([
                try WorkingCalendar.parse(Self.calendar2025),
                try WorkingCalendar.parse(Array(try Data(contentsOf: config.appendingPathComponent("calendars/cn-2026.json")))),
            ])
            let oldKeeper = SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: only2025))
            let newKeeper = SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: with2026))

            // Recorded while only 2025 is installed: the result deadline cannot be computed.
            let message = IntakeMessage(messageID: "replan-1", kind: .complaint, text: "前台态度差", receivedAt: Self.received,
                                        channel: .hotline)
            let decision = TriageDecision(department: .customerService, category: "staff_conduct", severity: .important,
                                          rulesVersion: "test")
            _ = try await IntakeRecorder(observers: [oldKeeper]).record(
                [.report(message, decision, accused: [])], now: Self.received, on: connection)
            #expect(try await state(of: "complaint_result", connection) == "needs_calendar")
            #expect(try await count("SELECT count(*)::int8 FROM timers WHERE due_at IS NULL", connection) == 1)

            // A worker restarted with the same calendars re-plans nothing and says what is missing.
            let oldLines = Lines()
            try await runScheduler(oldKeeper, database: database, now: Self.received, lines: oldLines) { scheduler in
                scheduler.loopTicks >= 3
            }
            #expect(try await state(of: "complaint_result", connection) == "needs_calendar")
            let waiting = oldLines.containing(#""message":"timers wait for a calendar""#)
            #expect(waiting.count == 1)
            #expect(waiting.first?.contains(#""missing_years":"2026""#) == true)
            #expect(waiting.first?.contains(#""waiting":"1""#) == true)

            // A worker started with the 2026 calendar gives it a real deadline before firing anything.
            let newLines = Lines()
            try await runScheduler(newKeeper, database: database, now: Self.received, lines: newLines) { _ in
                try await state(of: "complaint_result", connection) == "pending"
            }
            // 30, 31 Dec; 1–3 Jan are a holiday; 4 Jan (Sunday) is a make-up working day; 5–8 Jan.
            #expect(try await count("""
                SELECT count(*)::int8 FROM timers
                WHERE kind = 'complaint_result' AND state = 'pending'
                  AND due_at = '2026-01-08T23:59:59+08:00'::timestamptz
                  AND remind_at > started_at AND remind_at < due_at AND next_at = remind_at
                  AND calendar_version = 'test-2025.1+cn-2026.1' AND policy_version = \(policy.version)
                """, connection) == 1)
            #expect(try await count("SELECT count(*)::int8 FROM timers WHERE state = 'needs_calendar'", connection) == 0)
            let replanned = newLines.containing(#""message":"timers re-planned with the installed calendars""#)
            #expect(replanned.count == 1)
            #expect(replanned.first?.contains(#""replanned":"1""#) == true)
            #expect(newLines.containing("timers wait for a calendar").isEmpty)

            // From now on it is an ordinary timer: the day after its deadline it escalates.
            let nextDay = RFC3339Timestamp("2026-01-09T10:00:00+08:00")!
            let report = try await TimerFiringStore(timekeeper: newKeeper).fireDue(now: nextDay, limit: 10, on: connection)
            #expect(report.escalated.contains { $0.kind.rawValue == "complaint_result" && $0.level == .departmentSupervisor })

            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func aPassWorksInSmallTransactionsAndLeavesWhatItStillCannotPlan() async throws {
        try await ScratchDatabase.with("replan_batches") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let config = TestServers.repositoryRoot.appendingPathComponent("config")
            let policy = try SLAPolicy.parse(Array(try Data(contentsOf: config.appendingPathComponent("sla-policy.json"))))
            let cal2025 = try WorkingCalendar.parse(Self.calendar2025)
            let cal2026 = try WorkingCalendar.parse(
                Array(try Data(contentsOf: config.appendingPathComponent("calendars/cn-2026.json"))))
            let oldKeeper = SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: try CalendarSet([cal2025])))
            let decision = TriageDecision(department: .customerService, category: "staff_conduct", severity: .important,
                                          rulesVersion: "test")
            // Five complaints from late 2025 (deadlines in January 2026) and one from late 2026 (January 2027).
            var items: [IntakeItem] = (0..<5).map { index in
                .report(IntakeMessage(messageID: "batch-\(index)", kind: .complaint, text: "前台态度差",
                                      receivedAt: Self.received, channel: .hotline), decision, accused: [])
            }
            _ = try await IntakeRecorder(observers: [oldKeeper]).record(items, now: Self.received, on: connection)
            let late2026 = RFC3339Timestamp("2026-12-30T10:00:00+08:00")!
            let with2026 = SLATimekeeper(planner: TimerPlanner(policy: policy, calendars: try CalendarSet([cal2025, cal2026])))
            items = [.report(IntakeMessage(messageID: "batch-2027", kind: .complaint, text: "前台态度差", receivedAt: late2026,
                                           channel: .hotline), decision, accused: [])]
            _ = try await IntakeRecorder(observers: [with2026]).record(items, now: late2026, on: connection)
            #expect(try await count("SELECT count(*)::int8 FROM timers WHERE state = 'needs_calendar'", connection) == 6)

            var batches = 0
            let report = try await with2026.replanWaitingTimers(on: connection, batchSize: 2) { batches += 1 }
            #expect(report.replanned == 5)
            #expect(report.stillWaiting == 1)
            #expect(report.missingYears == [2027])
            #expect(batches == 4)  // 2 + 2 + 2 rows, then an empty claim
            #expect(try await SLATimekeeper.waitingTimers(on: connection) == 1)
            // A second pass finds nothing new to plan.
            let again = try await with2026.replanWaitingTimers(on: connection)
            #expect(again.replanned == 0 && again.stillWaiting == 1)
            await connection.close()
        }
    }

    /// Runs a scheduler on its own connection until `done`, then stops it.
    private func runScheduler(_ timekeeper: SLATimekeeper, database: ScratchDatabase, now: RFC3339Timestamp,
                              lines: Lines, until done: @escaping (TimerScheduler) async throws -> Bool) async throws {
        let logger = Logger(label: "test.replan") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.collected.withLock { $0.append(line) } }
        }
        let connection = try await database.connect()
        let scheduler = TimerScheduler(
            settings: TimerScheduler.Settings(pollInterval: .milliseconds(20)),
            store: TimerFiringStore(timekeeper: timekeeper), database: connection, listener: nil,
            now: { now }, signal: OutboxSignal(), logger: logger)
        let stop = StopFlag()
        let running = Task { await scheduler.run(stop: stop) }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !(try await done(scheduler)) {
            try await Task.sleep(for: .milliseconds(20))
        }
        stop.raise()
        await running.value
        await connection.close()
    }

    private func state(of kind: String, _ connection: PostgresConnection) async throws -> String? {
        try await connection.query("SELECT state FROM timers WHERE kind = \(kind)").first?.decode(0, as: String.self)
    }

    private func count(_ sql: SQLQuery, _ connection: PostgresConnection) async throws -> Int {
        try await connection.query(sql).single().decode(0, as: Int.self)
    }
}
