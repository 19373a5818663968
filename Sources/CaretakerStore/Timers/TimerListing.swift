import Postgres

/// What `caretaker timers` lists: running SLA timers with their case, read in one query.
public struct TimerListing: Sendable {
    /// Which timers to list.
    public struct Filter: Sendable, Equatable {
        /// Only timers past their deadline, and those waiting for a calendar.
        public var overdue = false
        /// Only timers waiting for a calendar (`needs_calendar`).
        public var needsCalendar = false
        /// Only the timers of this case number.
        public var caseNumber: String?
        /// At most this many, soonest first (those without a deadline first).
        public var limit = 100

        /// Creates a filter.
        public init(overdue: Bool = false, needsCalendar: Bool = false, caseNumber: String? = nil, limit: Int = 100) {
            self.overdue = overdue
            self.needsCalendar = needsCalendar
            self.caseNumber = caseNumber
            self.limit = limit
        }
    }

    /// One listed timer; times are already written in the display time zone.
    public struct Entry: Sendable, Equatable {
        /// The case's number.
        public var caseNumber: String
        /// The case's department.
        public var department: String
        /// The timer kind, e.g. `repair_accept`.
        public var kind: String
        /// `pending` or `needs_calendar`.
        public var state: String
        /// The escalation level reached.
        public var level: Int
        /// The deadline's version (bumped by postponements).
        public var deadlineVersion: Int
        /// `YYYY-MM-DD HH:MM` or `-`.
        public var due: String
        /// When the next step fires, `YYYY-MM-DD HH:MM` or `-`.
        public var next: String
        /// Seconds past the deadline by the database clock, 0 when not yet due.
        public var lateSeconds: Int
        /// The calendar version the deadline was computed with, or `-`.
        public var calendar: String
    }

    /// The IANA time zone times are written in.
    public let displayTimeZone: String

    /// Creates a listing that writes times in `displayTimeZone`.
    public init(displayTimeZone: String) {
        self.displayTimeZone = displayTimeZone
    }

    /// The timers matching `filter`.
    public func entries(_ filter: Filter, on connection: PostgresConnection) async throws -> [Entry] {
        let zone = displayTimeZone
        let rows = try await connection.query("""
            SELECT c.case_number, c.department, t.kind, t.state, t.level, t.deadline_version,
                   coalesce(to_char(t.due_at AT TIME ZONE \(zone), 'YYYY-MM-DD HH24:MI'), '-') AS due,
                   coalesce(to_char(t.next_at AT TIME ZONE \(zone), 'YYYY-MM-DD HH24:MI'), '-') AS next,
                   greatest(coalesce(extract(epoch FROM now() - t.due_at)::int8, 0), 0) AS late_seconds,
                   coalesce(t.calendar_version, '-') AS calendar
            FROM timers t JOIN cases c USING (case_id)
            WHERE t.state IN ('pending', 'needs_calendar')
              AND (NOT \(filter.overdue) OR t.due_at <= now() OR t.state = 'needs_calendar')
              AND (NOT \(filter.needsCalendar) OR t.state = 'needs_calendar')
              AND (\(filter.caseNumber)::text IS NULL OR c.case_number = \(filter.caseNumber))
            ORDER BY t.due_at NULLS FIRST LIMIT \(filter.limit)
            """)
        return try rows.map { row in
            Entry(caseNumber: try row.decode("case_number", as: String.self),
                  department: try row.decode("department", as: String.self),
                  kind: try row.decode("kind", as: String.self), state: try row.decode("state", as: String.self),
                  level: try row.decode("level", as: Int.self), deadlineVersion: try row.decode("deadline_version", as: Int.self),
                  due: try row.decode("due", as: String.self), next: try row.decode("next", as: String.self),
                  lateSeconds: try row.decode("late_seconds", as: Int.self), calendar: try row.decode("calendar", as: String.self))
        }
    }

    /// Whether a case with this number exists.
    public func caseExists(_ caseNumber: String, on connection: PostgresConnection) async throws -> Bool {
        !(try await connection.query("SELECT 1 AS found FROM cases WHERE case_number = \(caseNumber)").rows.isEmpty)
    }
}
