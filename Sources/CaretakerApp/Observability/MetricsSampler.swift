import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import Logging
import Postgres
import ServiceLifecycle

/// Every `interval`, asks PostgreSQL (on a connection of its own) for the outbox backlog, the
/// timer figures and the open cases, refreshes the counters, and tells ``Readiness`` the
/// database answered and how much work is stuck (returned events, timers waiting for a
/// calendar), logging a warning when either rises from zero.
public struct MetricsSampler: Service {
    let metrics: WorkerMetrics
    let readiness: Readiness
    let database: PostgresConnection
    let interval: Duration
    let logger: Logger

    /// Creates a sampler; `database` should be used by nothing else.
    public init(metrics: WorkerMetrics, readiness: Readiness, database: PostgresConnection,
                interval: Duration = .seconds(10), logger: Logger) {
        self.metrics = metrics
        self.readiness = readiness
        self.database = database
        self.interval = interval
        self.logger = logger
    }

    /// Samples until graceful shutdown or cancellation.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sampleOnce()
                try await Task.sleep(for: interval)
            }
        }
        await database.close()
    }

    /// Takes one sample now.
    public func sampleOnce() async {
        metrics.refresh()
        let gauges = metrics.sampled
        do {
            let outbox = try await OutboxStore().health(on: database)
            let timers = try await TimerListing.health(on: database)
            let open = try await OpenCaseCounts.read(on: database)
            gauges.outboxBacklog.set(Double(outbox.backlog))
            gauges.outboxOldestSeconds.set(outbox.oldestUnsentSeconds)
            gauges.timersPending.set(Double(timers.pending))
            gauges.timersOverdue.set(Double(timers.overdue))
            gauges.timersFiringLag.set(timers.firingLagSeconds)
            gauges.openCases(open)
            let needsCalendar = timers.needingCalendar
            let returned = outbox.returned
            gauges.timersNeedingCalendar.set(Double(needsCalendar))
            gauges.outboxReturned.set(Double(returned))
            let refusedByQueue = Dictionary(uniqueKeysWithValues: outbox.refusedByAudience.map {
                (Topology.eventQueue(for: $0.key), $0.value)
            })
            gauges.refusedEvents(refusedByQueue)
            let refusedTotal = refusedByQueue.values.reduce(0, +)
            gauges.databaseUp.set(to: 1.0)
            readiness.databaseAnswered(node: await database.serverAddress)
            let before = readiness.noteStuckWork(
                outboxReturned: returned, outboxRefused: refusedTotal, timersNeedingCalendar: needsCalendar)
            if refusedTotal > 0, before["outbox_refused"] ?? 0 == 0 {
                logger.warning("a console's queue is full: the broker refuses its events, the outbox keeps them", metadata: [
                    "rows": "\(refusedTotal)", "queues": "\(refusedByQueue.keys.sorted().joined(separator: ","))",
                ])
            }
            if needsCalendar > 0, before["timers_needing_calendar"] ?? 0 == 0 {
                logger.warning("timers wait for a calendar", metadata: ["waiting": "\(needsCalendar)"])
            }
            if returned > 0, before["outbox_returned"] ?? 0 == 0 {
                logger.warning("outbox holds events the broker returned unroutable", metadata: ["rows": "\(returned)"])
            }
        } catch {
            gauges.databaseUp.set(to: 0.0)
            logger.warning("metrics sample failed", metadata: ["error": "\(error)"])
        }
    }
}
