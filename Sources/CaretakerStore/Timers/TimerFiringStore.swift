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

        /// An empty report.
        public init() {}
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
        var report = Report()
        var records: [String: CaseRecord] = [:]
        for row in rows {
            let id = try row.decode("id", as: Int64.self)
            let timer = StoredTimer(
                caseID: try row.decode("case_id", as: String.self),
                kind: TimerKind(rawValue: try row.decode("kind", as: String.self)),
                remindAt: try row.decode("remind_at", as: Date?.self).map { RFC3339Timestamp($0) },
                dueAt: RFC3339Timestamp(try row.decode("due_at", as: Date.self)),
                reminded: try row.decode("reminded", as: Bool.self),
                level: EscalationLevel(rawValue: try row.decode("level", as: Int.self)) ?? .handler,
                deadlineVersion: try row.decode("deadline_version", as: Int.self),
                calendarVersion: try row.decode("calendar_version", as: String?.self))
            let record: CaseRecord
            if let known = records[timer.caseID] {
                record = known
            } else {
                guard let loaded = try await CaseLoader.load(.id(timer.caseID), forUpdate: true, in: transaction) else {
                    continue
                }
                record = loaded
            }
            report.claimed += 1
            records[timer.caseID] = try await fire(timer, id: id, record: record, now: now, report: &report, in: transaction)
        }
        return report
    }

    /// Fires one timer; returns the case as it is afterwards.
    private func fire(_ timer: StoredTimer, id: Int64, record: CaseRecord, now: RFC3339Timestamp,
                      report: inout Report, in transaction: PostgresTransaction) async throws -> CaseRecord {
        let decision: TimerFiringDecision
        do {
            decision = try TimerFiring.decide(timer, policy: timekeeper.planner.policy, now: now)
        } catch {
            // The kind left the policy: keep the timer, look again in an hour.
            try await transaction.execute("""
                UPDATE timers SET next_at = \(now.description)::timestamptz + interval '1 hour',
                       attempt = attempt + 1 WHERE id = \(id)
                """)
            return record
        }
        var current = record
        var outbox = TimerEvents.events(for: decision, timer: timer, record: current, at: now).map(OutboxMessage.init)
        var history: [HistoryEntry] = []
        switch decision.action {
        case .nothing:
            break
        case .remind:
            report.reminders += 1
            history.append(step("reminder", timer, decision, record: current, level: .handler, now: now))
        case .escalate(let level):
            report.escalations += 1
            report.maximumLateSeconds = max(report.maximumLateSeconds, decision.lateSeconds)
            history.append(step("escalated", timer, decision, record: current, level: level, now: now))
            if level.rawValue > current.escalationLevel {
                current.escalationLevel = level.rawValue
                try await transaction.execute("""
                    UPDATE cases SET escalation_level = \(level.rawValue), updated_at = \(now.description)::timestamptz
                    WHERE case_id = \(current.caseID)::uuid
                    """)
            }
            if decision.effect == .upgradeSeverityMajor, current.kind == .complaint, current.severity != .major {
                let before = current
                current.severity = .major
                current.notify = [.management, .leadership]
                try await transaction.execute("""
                    UPDATE cases SET severity = 'major', notify = \(["management", "leadership"])
                    WHERE case_id = \(current.caseID)::uuid
                    """)
                history.append(HistoryEntry(
                    caseID: current.caseID, step: "severity_upgraded", fromState: current.state, toState: current.state,
                    actor: .system, occurredAt: now, sourceID: "timer:\(timer.kind.rawValue)",
                    details: [("from", .string(before.severity?.rawValue ?? "")), ("to", .string("major")),
                              ("timer_kind", .string(timer.kind.rawValue))]))
                outbox += TimerEvents.severityUpgraded(before: before, after: current, timer: timer, at: now)
                    .map(OutboxMessage.init)
                try await timekeeper.severityUpgraded(before: before, after: current, at: now, in: transaction)
            }
        }
        try await HistoryEntry.insert(history, in: transaction)
        try await OutboxSQL.insert(outbox, in: transaction)
        let reminded = decision.action == .remind
        let level = decision.level ?? timer.level
        try await transaction.execute("""
            UPDATE timers SET
                reminded_at = CASE WHEN \(reminded) THEN \(now.description)::timestamptz ELSE reminded_at END,
                level = \(level.rawValue),
                next_at = \(decision.nextWakeAt?.description)::timestamptz,
                state = CASE WHEN \(decision.nextWakeAt == nil) THEN 'fired' ELSE state END,
                fired_at = CASE WHEN \(decision.level != nil) THEN \(now.description)::timestamptz ELSE fired_at END,
                last_late_seconds = \(decision.lateSeconds),
                attempt = attempt + 1
            WHERE id = \(id)
            """)
        return current
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
