import Postgres

/// What `caretaker case` shows beyond the case row: its history steps, the people who handled it,
/// a long repair's approvals and progress, its timers and the events it produced. Times are
/// written in the display time zone (`clock.display_time_zone`).
public struct CaseTimeline: Sendable {
    /// One history step.
    public struct Step: Sendable, Equatable {
        /// `YYYY-MM-DD HH:MM:SS`.
        public var at: String
        /// The step, e.g. `accept`.
        public var step: String
        /// The state before, `-` for the first step.
        public var fromState: String
        /// The state after.
        public var toState: String
        /// The actor's name, else id, with the role in brackets; `-` for the worker itself.
        public var actor: String
        /// The step's details as JSON text.
        public var details: String
    }

    /// 谁受理, 谁跟进, 谁回访 (seed 003 五(一)1): the person for each role, when known.
    public struct People: Sendable, Equatable {
        /// Who accepted or first replied.
        public var acceptedBy: String?
        /// Who last handled it (arrived, completed, resolved, informed, corrected).
        public var handledBy: String?
        /// Who made the follow-up visit.
        public var visitedBy: String?
    }

    /// One `approve_plan` step since the latest plan.
    public struct Approval: Sendable, Equatable {
        /// `engineering_manager` or `director`.
        public var approver: String
        /// Who gave it: the actor's name, else their id.
        public var actor: String
        /// `YYYY-MM-DD HH:MM:SS`.
        public var at: String
    }

    /// One daily `progress` step of a long repair.
    public struct Progress: Sendable, Equatable {
        /// `YYYY-MM-DD HH:MM:SS`.
        public var at: String
        /// How much of the work is done, if the entry said.
        public var percentDone: Int?
        /// What was done.
        public var note: String
    }

    /// One SLA timer of the case.
    public struct Timer: Sendable, Equatable {
        /// The timer kind, e.g. `repair_accept`.
        public var kind: String
        /// The deadline's version.
        public var deadlineVersion: Int
        /// `pending`, `fired`, `stopped`, …
        public var state: String
        /// The escalation level reached.
        public var level: Int
        /// `YYYY-MM-DD HH:MM` or `-`.
        public var due: String
        /// `YYYY-MM-DD HH:MM` or `-`.
        public var next: String
    }

    /// One outbox event of the case.
    public struct Event: Sendable, Equatable {
        /// `YYYY-MM-DD HH:MM:SS`, when it was stored.
        public var at: String
        /// `audience.event_type`.
        public var routingKey: String
        /// `confirmed`, `unsent`, or the last outcome with its error, attempts and next try.
        public var status: String
    }

    /// The IANA time zone times are written in.
    public let displayTimeZone: String

    /// Creates a timeline reader that writes times in `displayTimeZone`.
    public init(displayTimeZone: String) {
        self.displayTimeZone = displayTimeZone
    }

    /// Every history step, oldest first.
    public func steps(of caseID: String, on connection: PostgresConnection) async throws -> [Step] {
        try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI:SS') AS at, step,
                   coalesce(from_state, '-') AS from_state, to_state,
                   coalesce(actor_name, actor_id, '-') || coalesce(' (' || actor_role || ')', '') AS actor,
                   details::text AS details
            FROM case_history WHERE case_id = \(caseID)::uuid ORDER BY id
            """).map { row in
                Step(at: try row.decode("at"), step: try row.decode("step"), fromState: try row.decode("from_state"),
                     toState: try row.decode("to_state"), actor: try row.decode("actor"), details: try row.decode("details"))
            }
    }

    /// The latest person for each role in the history.
    public func people(of caseID: String, on connection: PostgresConnection) async throws -> People {
        let row = try await connection.query("""
            SELECT
              (SELECT coalesce(actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step IN ('accept', 'reply') ORDER BY id LIMIT 1) AS accepted_by,
              (SELECT coalesce(actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step IN ('arrive', 'complete', 'resolve', 'inform_resident', 'correct') ORDER BY id DESC LIMIT 1) AS handled_by,
              (SELECT coalesce(details->>'visited_by', actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step = 'follow_up' ORDER BY id DESC LIMIT 1) AS visited_by
            """).single()
        return People(acceptedBy: try row.decode("accepted_by"), handledBy: try row.decode("handled_by"),
                      visitedBy: try row.decode("visited_by"))
    }

    /// The approvals given since the latest `plan` step (a new plan needs both again).
    public func planApprovals(of caseID: String, on connection: PostgresConnection) async throws -> [Approval] {
        try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI:SS') AS at,
                   coalesce(details->>'approver', '-') AS approver, coalesce(actor_name, actor_id, '-') AS actor
            FROM case_history
            WHERE case_id = \(caseID)::uuid AND step = 'approve_plan'
              AND id > (SELECT coalesce(max(id), 0) FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'plan')
            ORDER BY id
            """).map { row in
                Approval(approver: try row.decode("approver"), actor: try row.decode("actor"), at: try row.decode("at"))
            }
    }

    /// The daily progress entries, oldest first.
    public func progress(of caseID: String, on connection: PostgresConnection) async throws -> [Progress] {
        try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI:SS') AS at,
                   (details->>'percent_done')::numeric::int8 AS percent, coalesce(details->>'note', '') AS note
            FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'progress' ORDER BY id
            """).map { row in
                Progress(at: try row.decode("at"), percentDone: try row.decode("percent"), note: try row.decode("note"))
            }
    }

    /// Every timer of the case, in the order they started.
    public func timers(of caseID: String, on connection: PostgresConnection) async throws -> [Timer] {
        try await connection.query("""
            SELECT kind, state, level, deadline_version,
                   coalesce(to_char(due_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI'), '-') AS due,
                   coalesce(to_char(next_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI'), '-') AS next
            FROM timers WHERE case_id = \(caseID)::uuid ORDER BY started_at, kind, deadline_version
            """).map { row in
                Timer(kind: try row.decode("kind"), deadlineVersion: try row.decode("deadline_version"),
                      state: try row.decode("state"), level: try row.decode("level"), due: try row.decode("due"),
                      next: try row.decode("next"))
            }
    }

    /// Every event of the case, in the order they were stored.
    public func events(of caseID: String, on connection: PostgresConnection) async throws -> [Event] {
        try await connection.query("""
            SELECT to_char(created_at AT TIME ZONE \(displayTimeZone), 'YYYY-MM-DD HH24:MI:SS') AS at, routing_key,
                   CASE WHEN sent_at IS NOT NULL THEN 'confirmed'
                        WHEN last_outcome IS NULL THEN 'unsent'
                        ELSE last_outcome || ' (' || coalesce(last_error, '-') || '; attempts ' || attempts
                             || coalesce('; next try ' || to_char(retry_at AT TIME ZONE \(displayTimeZone),
                                                                  'YYYY-MM-DD HH24:MI:SS'), '') || ')'
                   END AS status
            FROM outbox WHERE case_id = \(caseID)::uuid ORDER BY id
            """).map { row in
                Event(at: try row.decode("at"), routingKey: try row.decode("routing_key"), status: try row.decode("status"))
            }
    }
}
