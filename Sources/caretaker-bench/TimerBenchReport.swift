import CaretakerStore
import Foundation
import Postgres

/// What `caretaker-bench timers` reads back from its database and prints.
enum TimerBenchReport {
    /// The lag of the timers due in the measured window, their firing rate, and the checks.
    static func steady(_ plan: TimerBenchmark.Plan, report: TimerFiringStore.Report,
                       on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT (extract(epoch FROM fired_at - due_at) * 1000)::float8 AS claimed_ms,
                   (extract(epoch FROM bench_written_at - due_at) * 1000)::float8 AS written_ms,
                   extract(epoch FROM bench_written_at)::float8 AS written_at,
                   extract(epoch FROM due_at)::float8 AS due_at
            FROM timers WHERE id BETWEEN \(plan.window.lowerBound) AND \(plan.window.upperBound) AND fired_at IS NOT NULL
            """)
        var claimed: [Double] = []
        var written: [Double] = []
        var firstDue = Double.infinity
        var lastWritten = 0.0
        for row in rows {
            claimed.append(try row.decode("claimed_ms", as: Double.self))
            written.append(try row.decode("written_ms", as: Double.self))
            firstDue = min(firstDue, try row.decode("due_at", as: Double.self))
            lastWritten = max(lastWritten, try row.decode("written_at", as: Double.self))
        }
        let missing = plan.window.count - rows.count
        let duplicates = try await connection.query("""
            SELECT (count(*) - count(DISTINCT case_id))::bigint AS extra FROM case_history WHERE step = 'escalated'
            """).single().decode("extra", as: Int64.self)
        let writtenLag = Percentiles(written)
        print("steady: \(rows.count) of \(plan.window.count) timers fired (schedulers counted \(report.claimed), "
              + "\(report.escalations) escalations, \(report.reminders) reminders)"
              + (missing > 0 ? "; \(missing) NOT fired" : "") + "; duplicate escalations: \(duplicates)")
        print(String(format: "  fired %.1f timers/s (offered %d/s; first due → last written %.1f s)",
                     Double(rows.count) / Double(plan.seconds), plan.rate, lastWritten - firstDue))
        print("  lag due_at → claimed (fired_at):             \(Percentiles(claimed).summary)")
        print("  lag due_at → written (firing UPDATE ran):    \(writtenLag.summary)")
        let met = writtenLag.value(at: 0.99) <= 1_000 && missing == 0 && duplicates == 0
        print("target p99 ≤ 1 s after due_at, none missed, no duplicates: \(met ? "met" : "NOT met")")
    }

    /// `EXPLAIN ANALYZE` of the scheduler's claim query (batch 50) with the backlog due.
    static func claimPlan(on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            EXPLAIN (ANALYZE, COSTS OFF)
            SELECT id FROM timers WHERE state = 'pending' AND next_at <= \(Date())::timestamptz
            ORDER BY next_at LIMIT 50 FOR UPDATE SKIP LOCKED
            """)
        print("claim query plan (EXPLAIN ANALYZE, batch 50, backlog due):")
        for row in rows { print("  " + (try row.decode(0, as: String.self))) }
    }

    /// The outbox rows the firings wrote, and what the whole database weighs now.
    static func volume(on connection: PostgresConnection) async throws {
        let row = try await connection.query("""
            SELECT count(*)::bigint AS events, coalesce(sum(octet_length(body)), 0)::bigint AS bytes,
                   pg_total_relation_size('outbox')::bigint AS table_bytes,
                   (SELECT count(*) FROM case_history)::bigint AS history,
                   pg_database_size(current_database())::bigint AS database_bytes
            FROM outbox
            """).single()
        let events = try row.decode("events", as: Int64.self)
        let bytes = try row.decode("bytes", as: Int64.self)
        print("outbox written by all firings: \(events) events, bodies \(TimerBenchData.megabytes(bytes)) "
              + "(\(events > 0 ? bytes / events : 0) bytes each), table \(TimerBenchData.megabytes(try row.decode("table_bytes", as: Int64.self))); "
              + "history rows \(try row.decode("history", as: Int64.self)); "
              + "database \(TimerBenchData.megabytes(try row.decode("database_bytes", as: Int64.self)))")
    }
}
