import Backoff
import CaretakerCore
import CaretakerStore
import Logging
import Postgres
import Synchronization

/// Fires due SLA timers in every worker instance (no leader), at a capped rate.
///
/// Wakes when a transaction that wrote timers sends `NOTIFY caretaker_timers`, and polls as the
/// fallback. After an outage the backlog drains at `maximumFiresPerSecond`, each timer firing
/// only its highest due level.
///
/// Before its first claim it re-plans the `needs_calendar` timers the loaded calendars now cover
/// (a deadline that crossed into a year whose calendar was installed since), logging what it did
/// once, and what still waits.
public final class TimerScheduler: Sendable {
    /// How the scheduler paces itself.
    public struct Settings: Sendable {
        /// Timers claimed per transaction.
        public var batchSize: Int
        /// The most timers fired per second by this instance (the catch-up cap).
        public var maximumFiresPerSecond: Double
        /// How often to look when no notification came.
        public var pollInterval: Duration

        /// Creates settings.
        public init(batchSize: Int = 50, maximumFiresPerSecond: Double = 500, pollInterval: Duration = .milliseconds(250)) {
            self.batchSize = max(1, batchSize)
            self.maximumFiresPerSecond = max(1, maximumFiresPerSecond)
            self.pollInterval = pollInterval
        }
    }

    let settings: Settings
    /// Retries while the database is unreachable: 0.4 s, 0.8 s, … capped at 5 s, without jitter.
    private static let retryDelays = ExponentialBackoff(
        initialDelay: .milliseconds(400), maximumDelay: .seconds(5), jitter: 1...1)
    let store: TimerFiringStore
    let database: PostgresConnection
    let listener: PostgresConnection?
    let now: @Sendable () -> RFC3339Timestamp
    let signal: OutboxSignal
    let logger: Logger
    private let counters = Mutex<TimerFiringStore.Report>(TimerFiringStore.Report())
    private let ticks = Atomic<Int>(0)

    /// Creates a scheduler; `listener` (a connection of its own) receives the wake-ups.
    public init(settings: Settings, store: TimerFiringStore, database: PostgresConnection, listener: PostgresConnection?,
                now: @escaping @Sendable () -> RFC3339Timestamp, signal: OutboxSignal, logger: Logger) {
        self.settings = settings
        self.store = store
        self.database = database
        self.listener = listener
        self.now = now
        self.signal = signal
        self.logger = logger
    }

    /// Totals since start: timers fired, reminders, escalations, the worst lateness seen.
    public var totals: TimerFiringStore.Report { counters.withLock { $0 } }

    /// How many times the scheduling loop has gone round: at least once per poll interval while
    /// the database answers, so a counter that stops moving means the loop is stuck (the systemd
    /// watchdog's progress signal).
    public var loopTicks: Int { ticks.load(ordering: .relaxed) }

    /// Runs until `stop` is raised.
    public func run(stop: StopFlag) async {
        var outage = OutageLog(dependency: "postgres", component: "timers")
        var listening = false
        var replanned = false
        while !stop.isRaised {
            ticks.wrappingAdd(1, ordering: .relaxed)
            do {
                if !replanned {
                    report(try await store.timekeeper.replanWaitingTimers(on: database) {
                        ticks.wrappingAdd(1, ordering: .relaxed)
                    })
                    replanned = true
                }
                if let listener, !listening {
                    try await listener.listen("caretaker_timers")
                    listening = true
                }
                let started = ContinuousClock.now
                let report = try await store.fireDue(now: now(), limit: settings.batchSize, on: database)
                outage.recovered(logger: logger)
                if report.claimed > 0 {
                    signal.notify()
                    count(report)
                    let budget = Duration.seconds(Double(report.claimed) / settings.maximumFiresPerSecond)
                    let spent = ContinuousClock.now - started
                    if spent < budget { await stop.sleep(budget - spent) }
                    continue
                }
                if let listener {
                    _ = try await listener.notifications(timeout: settings.pollInterval)
                } else {
                    await stop.sleep(settings.pollInterval)
                }
            } catch {
                listening = false
                let failures = outage.failed(error, logger: logger)
                await stop.sleep(Self.retryDelays.delay(afterFailures: failures))
            }
        }
    }

    private func report(_ replan: SLATimekeeper.ReplanReport) {
        let years = store.timekeeper.planner.calendars.years.map(String.init).joined(separator: ",")
        if replan.replanned > 0 {
            logger.notice("timers re-planned with the installed calendars", metadata: [
                "replanned": "\(replan.replanned)", "calendar_years": "\(years)",
            ])
        }
        if replan.stillWaiting > 0 {
            logger.warning("timers wait for a calendar", metadata: [
                "waiting": "\(replan.stillWaiting)",
                "missing_years": "\(replan.missingYears.map(String.init).joined(separator: ","))",
                "calendar_years": "\(years)",
            ])
        }
    }

    private func count(_ report: TimerFiringStore.Report) {
        counters.withLock { totals in
            totals.claimed += report.claimed
            totals.reminders += report.reminders
            totals.escalations += report.escalations
            totals.maximumLateSeconds = max(totals.maximumLateSeconds, report.maximumLateSeconds)
        }
        guard report.escalations > 0, logger.logLevel <= .info else { return }
        logger.info("timers fired", metadata: [
            "claimed": "\(report.claimed)", "reminders": "\(report.reminders)",
            "escalations": "\(report.escalations)", "max_late_seconds": "\(report.maximumLateSeconds)",
        ])
        for escalation in report.escalated {
            logger.info("case escalated", metadata: [
                "case_number": "\(escalation.caseNumber)", "timer_kind": "\(escalation.kind.rawValue)",
                "escalation_level": "\(escalation.level.rawValue)",
                "escalation_level_name": "\(escalation.level.name)", "late_seconds": "\(escalation.lateSeconds)",
            ])
        }
    }
}
