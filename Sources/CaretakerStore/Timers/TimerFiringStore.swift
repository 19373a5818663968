import CaretakerCore
import Foundation
import Postgres

/// Fires due SLA timers: claims them with `FOR UPDATE SKIP LOCKED`, and in one transaction
/// writes their reminder or escalation events, the history steps, the case's escalation level,
/// and the timer's next step.
///
/// Several instances may run this at once with no leader. A row is locked while it fires and
/// its `next_at` moves on in the same transaction, so a second instance either skips it or,
/// once the first committed, no longer finds it due; event ids derived from (case, timer,
/// deadline version, level) make a duplicate event impossible even so. After downtime a timer
/// fires only its highest due level (`TimerFiring`), saying how late it is.
public struct TimerFiringStore: Sendable {
    /// The policy the timers were planned under.
    public let timekeeper: SLATimekeeper

    /// Creates a store that decides with `timekeeper`'s policy.
    public init(timekeeper: SLATimekeeper) {
        self.timekeeper = timekeeper
    }

    /// What one call did.
    public struct Report: Sendable, Equatable {
        /// Timers claimed and processed.
        public var claimed = 0
        /// Reminders sent (one per timer, each to several audiences).
        public var reminders = 0
        /// Escalations sent.
        public var escalations = 0
        /// The largest lateness among escalations, in seconds.
        public var maximumLateSeconds: Int64 = 0
        /// Each escalation of this call, for one log line apiece (empty in running totals).
        public var escalated: [Escalation] = []

        /// An empty report.
        public init() {}
    }

    /// One escalation sent: which case, which timer, to what level, how late.
    public struct Escalation: Sendable, Equatable {
        /// The case's number (safe to log).
        public var caseNumber: String
        /// The timer's kind, e.g. `repair_accept`.
        public var kind: TimerKind
        /// The level escalated to.
        public var level: EscalationLevel
        /// How late the escalation fired, in seconds.
        public var lateSeconds: Int64
    }

    /// Fires at most `limit` timers due at `now`.
    public func fireDue(now: RFC3339Timestamp, limit: Int, on connection: PostgresConnection) async throws -> Report {
        try await connection.withTransaction { transaction in
            try await fireDue(now: now, limit: limit, in: transaction)
        }
    }

    private func fireDue(now: RFC3339Timestamp, limit: Int, in transaction: PostgresTransaction) async throws -> Report {
        let rows = try await transaction.query("""
            SELECT id, case_id::text AS case_id, kind, remind_at, due_at, reminded_at IS NOT NULL AS reminded,
                   level, deadline_version, calendar_version
            FROM timers WHERE state = 'pending' AND next_at <= \(now.description)::timestamptz
            ORDER BY next_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        var timers: [(id: Int64, timer: StoredTimer)] = []
        for row in rows {
            timers.append((try row.decode("id", as: Int64.self), StoredTimer(
                caseID: try row.decode("case_id", as: String.self),
                kind: TimerKind(rawValue: try row.decode("kind", as: String.self)),
                remindAt: try row.decode("remind_at", as: Date?.self).map { RFC3339Timestamp($0) },
                dueAt: RFC3339Timestamp(try row.decode("due_at", as: Date.self)),
                reminded: try row.decode("reminded", as: Bool.self),
                level: EscalationLevel(rawValue: try row.decode("level", as: Int.self)) ?? .handler,
                deadlineVersion: try row.decode("deadline_version", as: Int.self),
                calendarVersion: try row.decode("calendar_version", as: String?.self))))
        }
        guard !timers.isEmpty else { return Report() }
        var records = try await CaseLoader.load(ids: Array(Set(timers.map(\.timer.caseID))), forUpdate: true, in: transaction)
        var batch = Batch(now: now)
        for (id, timer) in timers {
            guard let record = records[timer.caseID] else { continue }
            records[timer.caseID] = try await fire(timer, id: id, record: record, into: &batch, in: transaction)
        }
        _ = try await transaction.pipeline(batch.statements())
        return batch.report
    }

    /// Everything one claim writes, sent together at the end.
    private struct Batch {
        let now: RFC3339Timestamp
        var report = Report()
        var history: [HistoryEntry] = []
        var outbox: [OutboxMessage] = []
        var timerUpdates: [JSONValue] = []
        var caseLevels: [String: Int] = [:]

        func statements() -> [SQLQuery] {
            var statements = [HistoryEntry.insertStatement(history), OutboxSQL.insertStatement(outbox)].compactMap { $0 }
            if !timerUpdates.isEmpty {
                let updates = PostgresJSON(rawText: JSONValue.array(timerUpdates).serialized)
                statements.append("""
                    UPDATE timers t SET
                        reminded_at = CASE WHEN u.reminded THEN \(now.description)::timestamptz ELSE t.reminded_at END,
                        level = u.level, next_at = u.next_at,
                        state = CASE WHEN u.finished THEN 'fired' ELSE t.state END,
                        fired_at = CASE WHEN u.escalated THEN \(now.description)::timestamptz ELSE t.fired_at END,
                        last_late_seconds = u.late_seconds, attempt = t.attempt + 1
                    FROM jsonb_to_recordset(\(updates)) AS u(id bigint, reminded boolean, escalated boolean,
                        finished boolean, level smallint, next_at timestamptz, late_seconds bigint)
                    WHERE t.id = u.id
                    """)
            }
            if !caseLevels.isEmpty {
                let levels = PostgresJSON(rawText: JSONValue.array(caseLevels.map {
                    .object([("case_id", .string($0.key)), ("level", .number(Double($0.value)))])
                }).serialized)
                statements.append("""
                    UPDATE cases c SET escalation_level = greatest(c.escalation_level, l.level),
                                       updated_at = \(now.description)::timestamptz
                    FROM jsonb_to_recordset(\(levels)) AS l(case_id uuid, level smallint) WHERE c.case_id = l.case_id
                    """)
            }
            return statements
        }
    }

    /// Decides one timer and adds what it writes to `batch`; returns the case as it is afterwards.
    private func fire(_ timer: StoredTimer, id: Int64, record: CaseRecord, into batch: inout Batch,
                      in transaction: PostgresTransaction) async throws -> CaseRecord {
        let now = batch.now
        batch.report.claimed += 1
        let decision: TimerFiringDecision
        do {
            decision = try TimerFiring.decide(timer, policy: timekeeper.planner.policy, now: now)
        } catch {
            // The kind left the policy: keep the timer and look again in an hour.
            let later = RFC3339Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + 3_600, utcOffsetMinutes: 480)
            batch.timerUpdates.append(update(id, reminded: false, escalated: false, finished: false,
                                             level: timer.level, next: later, late: 0))
            return record
        }
        var current = record
        batch.outbox += TimerEvents.events(for: decision, timer: timer, record: current, at: now).map(OutboxMessage.init)
        switch decision.action {
        case .nothing:
            break
        case .remind:
            batch.report.reminders += 1
            batch.history.append(step("reminder", timer, decision, record: current, level: .handler, now: now))
        case .escalate(let level):
            batch.report.escalations += 1
            batch.report.maximumLateSeconds = max(batch.report.maximumLateSeconds, decision.lateSeconds)
            batch.report.escalated.append(Escalation(
                caseNumber: current.caseNumber, kind: timer.kind, level: level, lateSeconds: decision.lateSeconds))
            batch.history.append(step("escalated", timer, decision, record: current, level: level, now: now))
            if level.rawValue > current.escalationLevel {
                current.escalationLevel = level.rawValue
                batch.caseLevels[current.caseID] = level.rawValue
            }
            if decision.effect == .upgradeSeverityMajor, current.kind == .complaint, current.severity != .major {
                current = try await upgradeToMajor(current, timer: timer, into: &batch, in: transaction)
            }
        }
        batch.timerUpdates.append(update(
            id, reminded: decision.action == .remind, escalated: decision.level != nil,
            finished: decision.nextWakeAt == nil, level: decision.level ?? timer.level, next: decision.nextWakeAt,
            late: decision.lateSeconds))
        return current
    }

    /// A valid complaint still open after a month becomes major (seed 000 4.3.1 c).
    private func upgradeToMajor(_ record: CaseRecord, timer: StoredTimer, into batch: inout Batch,
                                in transaction: PostgresTransaction) async throws -> CaseRecord {
        let now = batch.now
        var upgraded = record
        upgraded.severity = .major
        upgraded.notify = [.management, .leadership]
        try await transaction.execute("""
            UPDATE cases SET severity = 'major', notify = \(["management", "leadership"])
            WHERE case_id = \(record.caseID)::uuid
            """)
        batch.history.append(HistoryEntry(
            caseID: record.caseID, step: "severity_upgraded", fromState: record.state, toState: record.state,
            actor: .system, occurredAt: now, sourceID: "timer:\(timer.kind.rawValue)",
            details: [("from", .string(record.severity?.rawValue ?? "")), ("to", .string("major")),
                      ("timer_kind", .string(timer.kind.rawValue))]))
        batch.outbox += TimerEvents.severityUpgraded(before: record, after: upgraded, timer: timer, at: now)
            .map(OutboxMessage.init)
        try await timekeeper.severityUpgraded(before: record, after: upgraded, at: now, in: transaction)
        return upgraded
    }

    private func update(_ id: Int64, reminded: Bool, escalated: Bool, finished: Bool, level: EscalationLevel,
                        next: RFC3339Timestamp?, late: Int64) -> JSONValue {
        .object([
            ("id", .number(Double(id))), ("reminded", .bool(reminded)), ("escalated", .bool(escalated)),
            ("finished", .bool(finished)), ("level", .number(Double(level.rawValue))),
            ("next_at", next.map { .string($0.description) } ?? .null), ("late_seconds", .number(Double(late))),
        ])
    }

    private func step(_ name: String, _ timer: StoredTimer, _ decision: TimerFiringDecision, record: CaseRecord,
                      level: EscalationLevel, now: RFC3339Timestamp) -> HistoryEntry {
        HistoryEntry(
            caseID: record.caseID, step: name, fromState: record.state, toState: record.state, actor: .system,
            occurredAt: now, sourceID: "timer:\(timer.kind.rawValue):v\(timer.deadlineVersion)",
            details: [
                ("timer_kind", .string(timer.kind.rawValue)), ("deadline", .string(timer.dueAt.description)),
                ("level", .number(Double(level.rawValue))), ("level_name", .string(level.name)),
                ("late_seconds", .number(Double(decision.lateSeconds))),
                ("skipped_levels", .array(decision.skippedLevels.map { .number(Double($0.rawValue)) })),
            ])
    }
}
