import CaretakerApp
import CaretakerMessaging
import CaretakerStore
import Foundation
import Postgres

/// `caretaker-bench timers`: firing lag and rate of SLA timers among `--pending` pending ones.
///
/// In a scratch database it bulk-loads N repair cases with one pending `repair_accept` timer
/// each (no reminder, so a firing is the level-1 escalation at `due_at`), all due a day or more
/// ahead. Then the last `rate × seconds` of them are moved to fall due `1/rate` s apart, starting
/// 3 s after `instances` real `TimerScheduler`s (shipped policy, wall clock) start. Lag is
/// measured per timer against `due_at`: when the scheduler claimed it (`fired_at`) and when its
/// firing `UPDATE` ran (`bench_written_at`, a trigger in the scratch database). Afterwards, for
/// context: `fireDue` with no rate cap over a backlog already due, and a bare claim loop.
enum TimerBenchmark {
    /// The run's parameters.
    struct Plan {
        var pending: Int
        var rate: Int
        var seconds: Int
        var instances: Int
        var backlog: Int
        var settings: TimerScheduler.Settings
        /// The ids of the timers due during the measured window.
        var window: ClosedRange<Int> { (pending - rate * seconds + 1)...pending }
    }

    static func run(_ plan: Plan, policyFile: String?, calendars: String?) async {
        let config = BenchEnvironment.repositoryRoot.appendingPathComponent("config")
        let timekeeper: SLATimekeeper
        do {
            timekeeper = try SLAFiles(configuration: SLAConfiguration(
                policyFile: policyFile ?? config.appendingPathComponent("sla-policy.json").path,
                calendarsDirectory: calendars ?? config.appendingPathComponent("calendars").path
            )).loadTimekeeper()
        } catch {
            print("caretaker-bench: \(error)")
            exit(66)
        }
        let database: TimerBenchDatabase
        do {
            database = try await TimerBenchDatabase.create()
        } catch {
            print("caretaker-bench: \(error)")
            exit(69)
        }
        var status: Int32 = 0
        do {
            try await measure(plan, store: TimerFiringStore(timekeeper: timekeeper), in: database)
        } catch {
            print("caretaker-bench: \(error)")
            status = 1
        }
        await database.drop()
        exit(status)
    }

    static func measure(_ plan: Plan, store: TimerFiringStore, in database: TimerBenchDatabase) async throws {
        let setup = try await database.connect()
        let settings = plan.settings
        print("timers: \(plan.pending) pending, \(plan.rate)/s falling due for \(plan.seconds) s, \(plan.instances) "
              + "scheduler instances (batch \(settings.batchSize), cap \(Int(settings.maximumFiresPerSecond))/s each, "
              + "poll \(Int(settings.pollInterval.milliseconds)) ms); policy \(store.timekeeper.planner.policy.version)")
        try await TimerBenchData.installWriteClock(on: setup)
        let loaded = try await TimerBenchData.load(plan.pending, policyVersion: store.timekeeper.planner.policy.version,
                                                   on: setup)
        let vacuum = try await ContinuousClock().measure { try await TimerBenchData.vacuum(on: setup) }
        let timersSize = try await TimerBenchData.size(of: "timers", on: setup)
        let casesSize = try await TimerBenchData.size(of: "cases", on: setup)
        print(String(format: "load: %d cases in %.1f s, %d timers in %.1f s (%.0f rows/s), vacuum+analyze %.1f s",
                     plan.pending, loaded.cases.seconds, plan.pending, loaded.timers.seconds,
                     Double(plan.pending) / loaded.timers.seconds, vacuum.seconds))
        print("size on disk with indexes: timers \(TimerBenchData.megabytes(timersSize)), "
              + "cases \(TimerBenchData.megabytes(casesSize))")

        let firstDue = Date().addingTimeInterval(3)
        try await TimerBenchData.schedule(plan.window, from: firstDue, every: 1 / Double(plan.rate), on: setup)
        let schedulersStarted = ContinuousClock.now
        let report = try await TimerBenchPhases.schedulers(
            plan.instances, settings: settings, store: store, database: database, expected: plan.window.count,
            until: schedulersStarted + .seconds(3 + plan.seconds + 15))
        try await TimerBenchReport.steady(plan, report: report, on: setup)

        try await TimerBenchData.schedule(1...plan.backlog, from: Date().addingTimeInterval(-1), every: 0, on: setup)
        try await TimerBenchReport.claimPlan(on: setup)
        let uncapped = try await TimerBenchPhases.uncappedFiring(
            plan.instances, batchSize: settings.batchSize, store: store, database: database)
        try await TimerBenchData.schedule((plan.backlog + 1)...(2 * plan.backlog), from: Date().addingTimeInterval(-1),
                                          every: 0, on: setup)
        let bare = try await TimerBenchPhases.bareClaims(plan.instances, batchSize: settings.batchSize, database: database)
        print("capacity over a backlog of \(plan.backlog) due timers, \(plan.instances) sessions, batch \(settings.batchSize):")
        print(String(format: "  fireDue, no rate cap:        %6.0f timers/s (%d in %.2f s)",
                     Double(uncapped.fired) / uncapped.elapsed.seconds, uncapped.fired, uncapped.elapsed.seconds))
        print(String(format: "  baseline bare claim+UPDATE:  %6.0f timers/s (%d in %.2f s; no case, history or events)",
                     Double(bare.fired) / bare.elapsed.seconds, bare.fired, bare.elapsed.seconds))
        try await TimerBenchReport.volume(on: setup)
        await setup.close()
    }
}
