import Foundation
import Postgres

/// The timer benchmark's rows, made with server-side SQL.
///
/// Timer `i` (id `i`, 1-based) belongs to the repair case `md5('bench-' || i)::uuid`; it is a
/// `repair_accept` timer inserted without `remind_at`, so its first firing is the level-1
/// escalation at `due_at` (`next_at` = `due_at`). Every timer starts a day or more in the future,
/// one second apart; the benchmark then moves chosen id ranges to when it wants them due.
enum TimerBenchData {
    /// Inserts `count` repair cases and their pending timers; returns how long each took.
    static func load(_ count: Int, policyVersion: String,
                     on connection: PostgresConnection) async throws -> (cases: Duration, timers: Duration) {
        let now = Date()
        let clock = ContinuousClock()
        let cases = try await clock.measure {
            _ = try await connection.execute("""
                INSERT INTO cases (case_id, case_number, kind, state, department, category, priority, responsibility,
                                   rules_version, correlation_id, channel, report_text, received_at, created_at, updated_at)
                SELECT md5('bench-' || i)::uuid, 'BENCH-' || i, 'repair', 'dispatched', 'engineering', 'lighting',
                       'general', 'free', 'bench', 'bench-' || i, 'hotline', '楼道灯不亮', \(now), \(now), \(now)
                FROM generate_series(1, \(count)::bigint) AS i
                """)
        }
        let timers = try await clock.measure {
            _ = try await connection.execute("""
                INSERT INTO timers (case_id, kind, state, started_at, remind_at, due_at, next_at, deadline_version,
                                    policy_version)
                SELECT md5('bench-' || i)::uuid, 'repair_accept', 'pending', \(now), NULL,
                       \(now)::timestamptz + interval '1 day' + i * interval '1 second',
                       \(now)::timestamptz + interval '1 day' + i * interval '1 second', 1, \(policyVersion)
                FROM generate_series(1, \(count)::bigint) AS i
                """)
        }
        return (cases, timers)
    }

    /// Adds `bench_written_at` to `timers`, set by a trigger to the server's clock when the
    /// firing `UPDATE` writes `fired_at`: the last statement of the firing transaction, so it
    /// tells when the escalation was written (the commit follows within the same round trip),
    /// where `fired_at` is the scheduler's `now` from before the claim.
    static func installWriteClock(on connection: PostgresConnection) async throws {
        try await connection.execute(unsafeScript: """
            ALTER TABLE timers ADD COLUMN bench_written_at timestamptz;
            CREATE FUNCTION bench_note_written() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.bench_written_at := clock_timestamp();
                RETURN NEW;
            END $$;
            CREATE TRIGGER timers_bench_written BEFORE UPDATE ON timers FOR EACH ROW
                WHEN (NEW.fired_at IS DISTINCT FROM OLD.fired_at) EXECUTE FUNCTION bench_note_written();
            """)
    }

    /// Vacuums and analyses the loaded tables, as autovacuum would after a bulk load.
    static func vacuum(on connection: PostgresConnection) async throws {
        _ = try await connection.execute("VACUUM (ANALYZE) cases")
        _ = try await connection.execute("VACUUM (ANALYZE) timers")
    }

    /// Makes timers `ids` fall due one after another, `interval` apart, the first at `first`.
    static func schedule(_ ids: ClosedRange<Int>, from first: Date, every interval: Double,
                         on connection: PostgresConnection) async throws {
        _ = try await connection.execute("""
            UPDATE timers SET due_at = to_timestamp(\(first.timeIntervalSince1970) + (id - \(ids.lowerBound)) * \(interval)),
                              next_at = to_timestamp(\(first.timeIntervalSince1970) + (id - \(ids.lowerBound)) * \(interval))
            WHERE id BETWEEN \(ids.lowerBound) AND \(ids.upperBound)
            """)
    }

    /// `bytes` as megabytes, one decimal.
    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// The size on disk of `table` with its indexes and TOAST.
    static func size(of table: String, on connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("SELECT pg_total_relation_size(\(table)::regclass) AS bytes")
            .single().decode("bytes", as: Int64.self)
    }
}
