import CaretakerCore
import Postgres

extension OutboxStore {
    /// What the metrics sampler and `/readyz` report about the outbox.
    public struct Health: Sendable, Equatable {
        /// Rows not yet published.
        public var backlog: Int
        /// Age of the oldest unpublished row, in seconds (0 when none).
        public var oldestUnsentSeconds: Double
        /// Unsent rows the broker returned unroutable at their last attempt.
        public var returned: Int
        /// Unsent events the broker refused at their last attempt, by audience (its queue is full).
        public var refusedByAudience: [EventAudience: Int]
    }

    /// The outbox's figures now, by the database clock.
    public func health(on connection: PostgresConnection) async throws -> Health {
        let totals = try await connection.query("""
            SELECT count(*)::int8 AS backlog,
                   coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest,
                   count(*) FILTER (WHERE last_outcome = 'returned')::int8 AS returned
            FROM outbox WHERE sent_at IS NULL
            """).single()
        var refused: [EventAudience: Int] = [:]
        for row in try await connection.query("""
            SELECT split_part(routing_key, '.', 1) AS audience, count(*)::int8 AS n
            FROM outbox WHERE sent_at IS NULL AND last_outcome = 'refused' AND exchange = \(ExchangeName.events)
            GROUP BY 1
            """) {
            guard let audience = EventAudience(rawValue: try row.decode("audience", as: String.self)) else { continue }
            refused[audience] = try row.decode("n", as: Int.self)
        }
        return Health(backlog: try totals.decode("backlog", as: Int.self),
                      oldestUnsentSeconds: try totals.decode("oldest", as: Double.self),
                      returned: try totals.decode("returned", as: Int.self), refusedByAudience: refused)
    }
}
