import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import Foundation
import Logging
import Postgres

/// The measured parts of `caretaker-bench timers`, each on connections of its own.
enum TimerBenchPhases {
    /// Runs `instances` real `TimerScheduler`s (a database and a listener session each, wall
    /// clock) until `until`, or earlier once `expected` timers fired; returns what they fired.
    static func schedulers(_ instances: Int, settings: TimerScheduler.Settings, store: TimerFiringStore,
                           database: TimerBenchDatabase, expected: Int, until: ContinuousClock.Instant) async throws
    -> TimerFiringStore.Report {
        var logger = Logger(label: "caretaker-bench.timers")
        logger.logLevel = .warning
        let stop = StopFlag()
        var schedulers: [TimerScheduler] = []
        var connections: [PostgresConnection] = []
        for _ in 0..<instances {
            let (session, listener) = (try await database.connect(), try await database.connect())
            connections += [session, listener]
            schedulers.append(TimerScheduler(
                settings: settings, store: store, database: session, listener: listener,
                now: { RFC3339Timestamp(Date()) }, signal: OutboxSignal(), logger: logger))
        }
        let running = schedulers
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                for scheduler in running { group.addTask { await scheduler.run(stop: stop) } }
            }
        }
        func fired() -> Int { running.reduce(0) { $0 + $1.totals.claimed } }
        while ContinuousClock.now < until, fired() < expected {
            try await Task.sleep(for: .milliseconds(50))
        }
        stop.raise()
        await task.value
        for connection in connections { await connection.close() }
        return running.reduce(into: TimerFiringStore.Report()) { total, scheduler in
            let report = scheduler.totals
            total.claimed += report.claimed
            total.reminders += report.reminders
            total.escalations += report.escalations
            total.maximumLateSeconds = max(total.maximumLateSeconds, report.maximumLateSeconds)
        }
    }

    /// `instances` loops over `fireDue` with no rate cap and no pause until nothing is due;
    /// returns the timers fired and the time taken.
    static func uncappedFiring(_ instances: Int, batchSize: Int, store: TimerFiringStore,
                               database: TimerBenchDatabase) async throws -> (fired: Int, elapsed: Duration) {
        try await loops(instances, database: database) { connection in
            try await store.fireDue(now: RFC3339Timestamp(Date()), limit: batchSize, on: connection).claimed
        }
    }

    /// The baseline: `instances` loops of a bare claim (`SELECT … FOR UPDATE SKIP LOCKED` on the
    /// same index, then an `UPDATE` moving `next_at` on), one statement per batch, no cases, no
    /// events, no history, until nothing is due.
    static func bareClaims(_ instances: Int, batchSize: Int,
                           database: TimerBenchDatabase) async throws -> (fired: Int, elapsed: Duration) {
        try await loops(instances, database: database) { connection in
            try await connection.execute("""
                WITH claimed AS (
                    SELECT id FROM timers WHERE state = 'pending' AND next_at <= \(Date())::timestamptz
                    ORDER BY next_at LIMIT \(batchSize) FOR UPDATE SKIP LOCKED)
                UPDATE timers t SET next_at = t.next_at + interval '1 year', attempt = t.attempt + 1
                FROM claimed WHERE t.id = claimed.id
                """)
        }
    }

    /// Runs `batch` on `instances` sessions at once, each until it returns 0; sums the counts.
    private static func loops(_ instances: Int, database: TimerBenchDatabase,
                              batch: @escaping @Sendable (PostgresConnection) async throws -> Int) async throws
    -> (fired: Int, elapsed: Duration) {
        var connections: [PostgresConnection] = []
        for _ in 0..<instances { connections.append(try await database.connect()) }
        let started = ContinuousClock.now
        let fired = try await withThrowingTaskGroup(of: Int.self) { group in
            for connection in connections {
                group.addTask {
                    var count = 0
                    while true {
                        let claimed = try await batch(connection)
                        if claimed == 0 { return count }
                        count += claimed
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        for connection in connections { await connection.close() }
        return (fired, elapsed)
    }
}
