import CaretakerCore
import Postgres

/// Writes timer changes planned by `TimerPlanner` inside the caller's transaction.
enum TimerSQL {
    /// The channel the scheduler listens on; a notification means "a timer may be due sooner".
    static let wakeUpChannel = "caretaker_timers"

    /// The latest deadline version of each timer kind a case has, and whether it is running.
    static func existing(caseID: String, in transaction: PostgresTransaction) async throws -> [ExistingTimer] {
        let rows = try await transaction.query("""
            SELECT DISTINCT ON (kind) kind, deadline_version, state FROM timers
            WHERE case_id = \(caseID)::uuid ORDER BY kind, deadline_version DESC
            """)
        return try rows.map { row in
            ExistingTimer(kind: TimerKind(rawValue: try row.decode("kind", as: String.self)),
                          deadlineVersion: try row.decode("deadline_version", as: Int.self),
                          isPending: try row.decode("state", as: String.self) == "pending")
        }
    }

    /// Applies the changes of several cases: cancels first, then inserts new and rescheduled
    /// timers (a rescheduled timer's old version is cancelled), then wakes the schedulers.
    static func apply(_ plans: [(caseID: String, changes: [TimerChange], unplanned: [TimerPlanningError.Unplanned])],
                      policyVersion: String, now: RFC3339Timestamp, in transaction: PostgresTransaction) async throws {
        var cancels: [JSONValue] = []
        var inserts: [JSONValue] = []
        for plan in plans {
            for change in plan.changes {
                switch change {
                case .cancel(let kind, let version):
                    cancels.append(key(plan.caseID, kind, version))
                case .start(let schedule):
                    inserts.append(row(plan.caseID, schedule, state: "pending"))
                case .reschedule(let schedule, let replacing):
                    cancels.append(key(plan.caseID, schedule.kind, replacing))
                    inserts.append(row(plan.caseID, schedule, state: "pending"))
                }
            }
            for waiting in plan.unplanned {
                if let replacing = waiting.replacing { cancels.append(key(plan.caseID, waiting.kind, replacing)) }
                inserts.append(.object([
                    ("case_id", .string(plan.caseID)), ("kind", .string(waiting.kind.rawValue)),
                    ("state", .string("needs_calendar")), ("started_at", .string(waiting.startedAt.description)),
                    ("remind_at", .null), ("due_at", .null), ("next_at", .null),
                    ("deadline_version", .number(Double(waiting.deadlineVersion))), ("calendar_version", .null),
                ]))
            }
        }
        if !cancels.isEmpty {
            try await transaction.execute("""
                UPDATE timers SET state = 'cancelled', closed_at = \(now.description)::timestamptz, next_at = NULL
                FROM jsonb_to_recordset(\(PostgresJSON(rawText: JSONValue.array(cancels).serialized)))
                     AS c(case_id uuid, kind text, deadline_version integer)
                WHERE timers.case_id = c.case_id AND timers.kind = c.kind
                  AND timers.deadline_version = c.deadline_version AND timers.state IN ('pending', 'needs_calendar')
                """)
        }
        if !inserts.isEmpty {
            try await transaction.execute("""
                INSERT INTO timers (case_id, kind, state, started_at, remind_at, due_at, next_at, deadline_version,
                                    calendar_version, policy_version)
                SELECT r.case_id, r.kind, r.state, r.started_at, r.remind_at, r.due_at, r.next_at, r.deadline_version,
                       r.calendar_version, \(policyVersion)
                FROM jsonb_to_recordset(\(PostgresJSON(rawText: JSONValue.array(inserts).serialized))) AS r(
                    case_id uuid, kind text, state text, started_at timestamptz, remind_at timestamptz,
                    due_at timestamptz, next_at timestamptz, deadline_version integer, calendar_version text)
                ON CONFLICT (case_id, kind, deadline_version) DO NOTHING
                """)
            _ = try await transaction.query("SELECT pg_notify(\(wakeUpChannel), '')")
        }
    }

    private static func key(_ caseID: String, _ kind: TimerKind, _ version: Int) -> JSONValue {
        .object([("case_id", .string(caseID)), ("kind", .string(kind.rawValue)),
                 ("deadline_version", .number(Double(version)))])
    }

    private static func row(_ caseID: String, _ schedule: TimerSchedule, state: String) -> JSONValue {
        let next = schedule.remindAt ?? schedule.dueAt
        return .object([
            ("case_id", .string(caseID)), ("kind", .string(schedule.kind.rawValue)), ("state", .string(state)),
            ("started_at", .string(schedule.startedAt.description)),
            ("remind_at", schedule.remindAt.map { .string($0.description) } ?? .null),
            ("due_at", .string(schedule.dueAt.description)), ("next_at", .string(next.description)),
            ("deadline_version", .number(Double(schedule.deadlineVersion))),
            ("calendar_version", schedule.calendarVersion.map(JSONValue.string) ?? .null),
        ])
    }
}
