import CaretakerCore
import Postgres

/// Reads what the monthly report needs about the cases received in a month (Asia/Shanghai) and
/// builds the `MonthlyReport`; the counting itself is `MonthlyReportBuilder`'s, pure.
///
/// Three read-only queries, every value a bound parameter: the case rows (number, receipt,
/// assessment, reopenings; responsibility, location and state for the developer repairs) with
/// their first response / on site / completion times from the history and whether a repair was
/// declined (a time recorded before receipt comes back negative; the builder counts it as 0 s),
/// the escalations per level, and each timer's outcome at `asOf`.
public struct ReportStore: Sendable {
    /// Creates a store.
    public init() {}

    /// The report for `month`, judging timers still running at `asOf`.
    public func monthlyReport(_ month: ReportMonth, asOf: RFC3339Timestamp,
                              on connection: PostgresConnection) async throws -> MonthlyReport {
        MonthlyReportBuilder.build(month: month, asOf: asOf, cases: try await facts(month, asOf: asOf, on: connection))
    }

    /// The facts of every case received in `month`, in receipt order.
    public func facts(_ month: ReportMonth, asOf: RFC3339Timestamp,
                      on connection: PostgresConnection) async throws -> [CaseFacts] {
        let start = month.start.description, end = month.end.description, cutoff = asOf.description
        let rows = try await connection.query("""
            SELECT c.case_id::text AS case_id, c.case_number, extract(epoch FROM c.received_at)::int8 AS received,
                   c.kind, c.department, c.category, c.severity, c.priority, c.estate,
                   c.postponements::int8 AS postponements, c.reopenings::int8 AS reopenings,
                   c.satisfaction::int8 AS satisfaction, c.validity, c.other_body,
                   c.responsibility, c.location, c.state,
                   coalesce(bool_or(h.step = 'decline'), false) AS declined,
                   extract(epoch FROM min(h.occurred_at) FILTER (WHERE h.step IN ('accept', 'reply', 'resolve'))
                                      - c.received_at)::int8 AS first_response,
                   extract(epoch FROM min(h.occurred_at) FILTER (WHERE h.step = 'arrive') - c.received_at)::int8 AS on_site,
                   extract(epoch FROM min(h.occurred_at) FILTER (WHERE h.step IN ('complete', 'resolve'))
                                      - c.received_at)::int8 AS completion
            FROM cases c LEFT JOIN case_history h ON h.case_id = c.case_id
            WHERE c.received_at >= \(start)::timestamptz AND c.received_at < \(end)::timestamptz
            GROUP BY c.case_id
            ORDER BY c.received_at, c.case_number
            """)
        var order: [String] = []
        var facts: [String: CaseFacts] = [:]
        for row in rows {
            let id = try row.decode("case_id", as: String.self)
            order.append(id)
            let received = RFC3339Timestamp(secondsSinceEpoch: try row.decode("received", as: Int64.self), utcOffsetMinutes: 480)
            facts[id] = CaseFacts(
                caseNumber: try row.decode("case_number"), receivedAt: received, kind: try row.decode("kind"), department: try row.decode("department"),
                category: try row.decode("category"), severity: try row.decode("severity"),
                priority: try row.decode("priority"), estate: try row.decode("estate"),
                postponements: try row.decode("postponements"), reopenings: try row.decode("reopenings"),
                satisfaction: try row.decode("satisfaction"), firstResponseSeconds: try row.decode("first_response"),
                onSiteSeconds: try row.decode("on_site"), completionSeconds: try row.decode("completion"),
                validity: try row.decode("validity"), otherBody: try row.decode("other_body"),
                declined: try row.decode("declined"), responsibility: try row.decode("responsibility"),
                location: try row.decode("location"), state: try row.decode("state"))
        }
        let escalations = try await connection.query("""
            SELECT h.case_id::text AS case_id, (h.details->>'level')::int8 AS level, count(*)::int8 AS n
            FROM case_history h JOIN cases c ON c.case_id = h.case_id
            WHERE h.step = 'escalated' AND h.details ? 'level'
              AND c.received_at >= \(start)::timestamptz AND c.received_at < \(end)::timestamptz
            GROUP BY 1, 2
            """)
        for row in escalations {
            facts[try row.decode("case_id", as: String.self)]?
                .escalationsByLevel[try row.decode("level", as: Int.self)] = try row.decode("n", as: Int.self)
        }
        // One outcome per (case, timer kind) over all its deadline versions: late if any version
        // escalated (a level above the handler's: the reminder before the deadline is level 0 and
        // not late); otherwise the newest version decides (docs/report.md, "On time").
        let timers = try await connection.query("""
            WITH month_timers AS (
                SELECT t.* FROM timers t JOIN cases c ON c.case_id = t.case_id
                WHERE c.received_at >= \(start)::timestamptz AND c.received_at < \(end)::timestamptz
            ), escalated AS (
                SELECT case_id, kind, bool_or(level > 0) AS escalated
                FROM month_timers GROUP BY case_id, kind
            ), newest AS (
                SELECT DISTINCT ON (case_id, kind) case_id, kind, state, due_at, closed_at
                FROM month_timers ORDER BY case_id, kind, deadline_version DESC
            )
            SELECT n.case_id::text AS case_id, n.kind,
                   CASE WHEN e.escalated THEN 'late'
                        WHEN n.state IN ('cancelled', 'completed')
                             AND (n.due_at IS NULL OR n.closed_at IS NULL OR n.closed_at <= n.due_at) THEN 'on_time'
                        WHEN n.state IN ('cancelled', 'completed') THEN 'late'
                        WHEN n.state = 'pending' AND n.due_at <= \(cutoff)::timestamptz THEN 'late'
                        ELSE 'open' END AS outcome
            FROM newest n JOIN escalated e USING (case_id, kind)
            """)
        for row in timers {
            let outcome = TimerOutcome(rawValue: try row.decode("outcome", as: String.self)) ?? .open
            facts[try row.decode("case_id", as: String.self)]?.timers[try row.decode("kind", as: String.self)] = outcome
        }
        return order.compactMap { facts[$0] }
    }
}
