import Postgres

extension TimerListing {
    /// The timer figures the worker's gauges show.
    public struct Health: Sendable, Equatable {
        /// Timers still running.
        public var pending: Int
        /// Running timers past their deadline.
        public var overdue: Int
        /// Seconds the oldest step that should have fired is late, 0 when none is.
        public var firingLagSeconds: Double
        /// Timers waiting for a calendar year that is not installed.
        public var needingCalendar: Int
    }

    /// The timer figures, measured against the database clock.
    public static func health(on connection: PostgresConnection) async throws -> Health {
        let row = try await connection.query("""
            SELECT count(*) FILTER (WHERE state = 'pending')::bigint AS pending,
                   count(*) FILTER (WHERE state = 'pending' AND due_at < now())::bigint AS overdue,
                   coalesce(extract(epoch FROM now() - min(next_at) FILTER (WHERE state = 'pending' AND next_at <= now())),
                            0)::float8 AS lag,
                   count(*) FILTER (WHERE state = 'needs_calendar')::bigint AS needs_calendar
            FROM timers WHERE state IN ('pending', 'needs_calendar')
            """).single()
        return Health(pending: Int(try row.decode("pending", as: Int64.self)),
                      overdue: Int(try row.decode("overdue", as: Int64.self)),
                      firingLagSeconds: try row.decode("lag", as: Double.self),
                      needingCalendar: Int(try row.decode("needs_calendar", as: Int64.self)))
    }
}
