import CaretakerCore
import Foundation
import Postgres

extension SLATimekeeper {
    /// What one ``replanWaitingTimers(on:batchSize:)`` pass did.
    public struct ReplanReport: Sendable, Equatable {
        /// Timers that got their deadline and now run as `pending`.
        public var replanned = 0
        /// Timers still waiting as `needs_calendar` (their year has no calendar yet).
        public var stillWaiting = 0
        /// The years those timers wait for, ascending.
        public var missingYears: [Int] = []

        /// An empty report.
        public init() {}
    }

    /// Gives every `needs_calendar` timer its deadline now that the calendars cover it: the
    /// timer keeps its kind, start and deadline version and becomes `pending` with the reminder,
    /// deadline and calendar version the planner computes today; one it still cannot plan keeps
    /// waiting. Wakes the schedulers when any timer changed.
    ///
    /// Works in transactions of `batchSize` rows claimed `FOR UPDATE SKIP LOCKED`, so several
    /// workers starting at once share the rows and none is planned twice. A deadline that has
    /// already passed fires at once, with the catch-up rules of `TimerFiring`. `afterBatch` runs
    /// after each committed transaction (the scheduler counts it as loop progress, so a long pass
    /// does not look like a stuck loop to the systemd watchdog).
    public func replanWaitingTimers(on connection: PostgresConnection, batchSize: Int = 500,
                                    afterBatch: () -> Void = {}) async throws -> ReplanReport {
        var report = ReplanReport()
        var missing: Set<Int> = []
        var after: Int64 = 0
        while true {
            let batch = try await connection.withTransaction { transaction in
                try await replanBatch(after: after, limit: max(1, batchSize), in: transaction)
            }
            afterBatch()
            report.replanned += batch.replanned
            report.stillWaiting += batch.stillWaiting
            missing.formUnion(batch.missingYears)
            guard let lastID = batch.lastID else { break }
            after = lastID
        }
        report.missingYears = missing.sorted()
        return report
    }

    /// One transaction's share of a pass.
    private struct ReplanBatch: Sendable {
        var lastID: Int64?
        var replanned = 0
        var stillWaiting = 0
        var missingYears: Set<Int> = []
    }

    private func replanBatch(after: Int64, limit: Int, in transaction: PostgresTransaction) async throws -> ReplanBatch {
        var report = ReplanBatch()
        let rows = try await transaction.query("""
            SELECT id, kind, started_at, deadline_version FROM timers
            WHERE state = 'needs_calendar' AND id > \(after)
            ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        var updates: [JSONValue] = []
        for row in rows {
            let id = try row.decode("id", as: Int64.self)
            report.lastID = id
            let kind = TimerKind(rawValue: try row.decode("kind", as: String.self))
            guard let timer = planner.policy.timer(kind) else {
                report.stillWaiting += 1
                continue
            }
            let startedAt = RFC3339Timestamp(try row.decode("started_at", as: Date.self))
            let version = try row.decode("deadline_version", as: Int.self)
            let schedule: TimerSchedule?
            do throws(CalendarError) {
                schedule = try planner.schedule(timer, startedAt: startedAt, feedbackDate: nil, deadlineVersion: version)
            } catch {
                report.stillWaiting += 1
                if let year = error.year { report.missingYears.insert(year) }
                continue
            }
            guard let schedule else {
                report.stillWaiting += 1
                continue
            }
            let next = schedule.remindAt ?? schedule.dueAt
            updates.append(.object([
                ("id", .number(Double(id))),
                ("remind_at", schedule.remindAt.map { .string($0.description) } ?? .null),
                ("due_at", .string(schedule.dueAt.description)), ("next_at", .string(next.description)),
                ("calendar_version", schedule.calendarVersion.map(JSONValue.string) ?? .null),
            ]))
        }
        if !updates.isEmpty {
            try await transaction.execute("""
                UPDATE timers SET state = 'pending', remind_at = r.remind_at, due_at = r.due_at, next_at = r.next_at,
                                  calendar_version = r.calendar_version, policy_version = \(planner.policy.version)
                FROM jsonb_to_recordset(\(PostgresJSON(rawText: JSONValue.array(updates).serialized)))
                     AS r(id bigint, remind_at timestamptz, due_at timestamptz, next_at timestamptz, calendar_version text)
                WHERE timers.id = r.id AND timers.state = 'needs_calendar'
                """)
            _ = try await transaction.query("SELECT pg_notify(\(TimerSQL.wakeUpChannel), '')")
            report.replanned += updates.count
        }
        return report
    }

    /// How many timers wait as `needs_calendar` (for metrics and `/readyz`).
    public static func waitingTimers(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int8 AS n FROM timers WHERE state = 'needs_calendar'").single()
            .decode("n", as: Int.self)
    }
}
