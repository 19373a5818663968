import CaretakerMessaging
import CaretakerStore
import Prometheus
import Synchronization

/// The worker's Prometheus metrics, registered in one registry and fed from the statistics
/// objects the consumers, the relay and the scheduler already keep (see docs/operations.md).
///
/// Counters are copied from those cumulative snapshots by difference, so the core and the
/// messaging code never call a metrics API.
public final class WorkerMetrics: Sendable {
    /// Where the metrics are registered; `/metrics` renders it.
    public let registry: PrometheusCollectorRegistry
    let sources: WorkerStatisticsSources
    private let fed = Mutex<[String: Int]>([:])
    private let batchSeconds: DurationHistogram
    /// Gauges filled by ``MetricsSampler`` from SQL.
    let sampled: SampledGauges

    /// Registers every metric in `registry` (never the global `MetricsSystem`).
    public init(registry: PrometheusCollectorRegistry, sources: WorkerStatisticsSources) {
        self.registry = registry
        self.sources = sources
        batchSeconds = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "caretaker", subsystem: "intake", metricName: "batch_duration", unitName: "seconds",
                helpText: "Time to triage, record and ack one intake batch."),
            labels: [],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
                      .seconds(5)])
        sampled = SampledGauges(registry: registry)
    }

    /// Brings the counters, the latency histogram and the consuming gauges up to date; cheap,
    /// called before every scrape and by the sampler.
    public func refresh() {
        let intake = sources.intake.snapshot
        let commands = sources.commands.snapshot
        let outbox = sources.outbox.snapshot
        let timers = sources.timers()
        let commandsAcked = commands.applied + commands.rejected + commands.duplicates + commands.malformed
        let values: [(CounterKey, Int)] = [
            (.init("caretaker_messages_consumed_total", ["queue": "intake"]), intake.acked),
            (.init("caretaker_messages_consumed_total", ["queue": "commands"]), commandsAcked),
            (.init("caretaker_messages_acked_total", ["queue": "intake"]), intake.acked),
            (.init("caretaker_messages_acked_total", ["queue": "commands"]), commandsAcked),
            (.init("caretaker_messages_dead_lettered_total", ["queue": "intake"]), intake.deadLettered),
            (.init("caretaker_messages_dead_lettered_total", ["queue": "commands"]), commands.malformed + commands.notAuthenticated),
            (.init("caretaker_access_refused_total", ["queue": "intake", "reason": "not_authenticated"]), intake.notAuthenticated),
            (.init("caretaker_access_refused_total", ["queue": "commands", "reason": "not_authenticated"]), commands.notAuthenticated),
            (.init("caretaker_access_refused_total", ["queue": "commands", "reason": "not_authorized"]), commands.notAuthorized),
            (.init("caretaker_messages_redelivered_total", ["queue": "intake"]), intake.redelivered),
            (.init("caretaker_messages_duplicate_total", ["queue": "intake"]), intake.duplicates),
            (.init("caretaker_messages_duplicate_total", ["queue": "commands"]), commands.duplicates),
            (.init("caretaker_cases_created_total", [:]), intake.created),
            (.init("caretaker_intake_batches_total", [:]), intake.batches),
            (.init("caretaker_commands_total", ["outcome": "applied"]), commands.applied),
            (.init("caretaker_commands_total", ["outcome": "rejected"]), commands.rejected),
            (.init("caretaker_commands_total", ["outcome": "duplicate"]), commands.duplicates),
            (.init("caretaker_commands_total", ["outcome": "malformed"]), commands.malformed),
            (.init("caretaker_outbox_published_total", ["result": "confirmed"]), outbox.confirmed),
            (.init("caretaker_outbox_published_total", ["result": "returned"]), outbox.returned),
            (.init("caretaker_outbox_published_total", ["result": "refused"]), outbox.refused),
            (.init("caretaker_outbox_parked_total", [:]), outbox.parked),
            (.init("caretaker_outbox_batches_total", [:]), outbox.batches),
            (.init("caretaker_timers_fired_total", ["action": "reminder"]), timers.reminders),
            (.init("caretaker_timers_fired_total", ["action": "escalation"]), timers.escalations),
            (.init("caretaker_timers_claimed_total", [:]), timers.claimed),
            (.init("caretaker_reconnects_total", ["component": "intake"]), intake.reconnects),
            (.init("caretaker_reconnects_total", ["component": "relay"]), outbox.reconnects),
        ]
        let batches = sources.intake.drainBatchDurations()
        fed.withLock { fed in
            for (key, value) in values {
                let delta = value - (fed[key.id] ?? 0)
                // Register even at zero, so every series shows from the first scrape.
                let counter = registry.makeCounter(
                    descriptor: MetricNameDescriptor(
                        metricName: String(key.name.dropLast("_total".count)), unitName: "total",
                        helpText: CounterKey.help[key.name] ?? ""),
                    labels: key.labels)
                if delta > 0 { counter.increment(by: Int64(delta)) }
                fed[key.id] = value
            }
            for duration in batches { batchSeconds.record(duration) }
        }
        sampled.consuming(queue: "intake", sources.intake.isConsuming)
        sampled.consuming(queue: "commands", sources.commands.isConsuming)
        sampled.timersMaximumLate.set(Double(timers.maximumLateSeconds))
    }
}

/// Where ``WorkerMetrics`` reads its counters.
public struct WorkerStatisticsSources: Sendable {
    /// The intake consumer's statistics.
    public var intake: IntakeStatistics
    /// The command consumer's statistics.
    public var commands: CommandStatistics
    /// The outbox relay's statistics.
    public var outbox: OutboxStatistics
    /// The scheduler's totals (`TimerScheduler.totals`).
    public var timers: @Sendable () -> TimerFiringStore.Report

    /// Creates sources from the parts.
    public init(intake: IntakeStatistics, commands: CommandStatistics, outbox: OutboxStatistics,
                timers: @escaping @Sendable () -> TimerFiringStore.Report) {
        self.intake = intake
        self.commands = commands
        self.outbox = outbox
        self.timers = timers
    }
}

/// One counter series: a name and its labels.
struct CounterKey {
    let name: String
    let labels: [(String, String)]
    let id: String

    init(_ name: String, _ labels: KeyValuePairs<String, String>) {
        self.name = name
        self.labels = labels.map { ($0.key, $0.value) }
        id = name + "{" + self.labels.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    static let help: [String: String] = [
        "caretaker_messages_consumed_total": "Deliveries taken from a queue and processed.",
        "caretaker_messages_acked_total": "Deliveries acknowledged after their transaction committed.",
        "caretaker_messages_dead_lettered_total": "Deliveries recorded as unusable and dead-lettered.",
        "caretaker_messages_redelivered_total": "Deliveries the broker flagged as redelivered.",
        "caretaker_messages_duplicate_total": "Deliveries whose message id was already processed.",
        "caretaker_cases_created_total": "Cases created from intake messages.",
        "caretaker_intake_batches_total": "Intake batches committed.",
        "caretaker_commands_total": "Commands by outcome.",
        "caretaker_access_refused_total": "Commands and intake messages refused by identity or authorization, by queue and reason.",
        "caretaker_outbox_published_total": "Outbox rows settled by publisher confirm, by result.",
        "caretaker_outbox_parked_total": "Outbox rows set aside unpublished because their stored headers are malformed.",
        "caretaker_outbox_batches_total": "Outbox batches relayed.",
        "caretaker_timers_fired_total": "SLA timer actions sent, by action.",
        "caretaker_timers_claimed_total": "SLA timers claimed and processed.",
        "caretaker_reconnects_total": "Broker reconnects after a failure, by component.",
    ]
}
