import Prometheus
import Synchronization

/// The gauges: backlog and timer figures from periodic SQL, open cases by department and
/// severity, and the consumers' state.
final class SampledGauges: Sendable {
    let registry: PrometheusCollectorRegistry
    let outboxBacklog: Gauge
    let outboxOldestSeconds: Gauge
    let timersPending: Gauge
    let timersOverdue: Gauge
    let timersFiringLag: Gauge
    let timersMaximumLate: Gauge
    let timersNeedingCalendar: Gauge
    let outboxReturned: Gauge
    let databaseUp: Gauge
    private let openCaseSeries = Mutex<Set<[String]>>([])
    private let refusedQueues = Mutex<Set<String>>([])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        func gauge(_ name: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help))
        }
        outboxBacklog = gauge("caretaker_outbox_backlog", "Outbox rows not yet published.")
        outboxOldestSeconds = gauge("caretaker_outbox_oldest_unsent_seconds", "Age of the oldest unpublished outbox row.")
        timersPending = gauge("caretaker_timers_pending", "SLA timers still pending.")
        timersOverdue = gauge("caretaker_timers_overdue", "Pending SLA timers past their deadline.")
        timersFiringLag = gauge(
            "caretaker_timers_firing_lag_seconds", "How long the most overdue pending timer step has waited to fire.")
        timersMaximumLate = gauge(
            "caretaker_timers_max_late_seconds", "The largest lateness of an escalation fired since start.")
        timersNeedingCalendar = gauge(
            "caretaker_timers_needing_calendar",
            "SLA timers waiting as needs_calendar: their working-day deadline needs a year with no calendar installed.")
        outboxReturned = gauge(
            "caretaker_outbox_returned",
            "Unsent outbox rows the broker returned unroutable at their last attempt (a queue or binding is missing).")
        databaseUp = gauge("caretaker_database_up", "1 when the sampler's last database round trip succeeded.")
    }

    func consuming(queue: String, _ value: Bool) {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(metricName: "caretaker_consuming", unitName: "", helpText: "1 while the consumer is consuming."),
            labels: [("queue", queue)]
        ).set(to: value ? 1.0 : 0.0)
    }

    /// Sets, per console queue, the unsent events the broker refused at their last attempt (the
    /// queue is at its length limit); queues no longer refusing drop to 0. Alert when above 0.
    func refusedEvents(_ counts: [String: Int]) {
        let descriptor = MetricNameDescriptor(
            metricName: "caretaker_outbox_refused", unitName: "",
            helpText: "Unsent events the broker refused at their last attempt, by console queue (full at its x-max-length).")
        refusedQueues.withLock { seen in
            for queue in seen.union(counts.keys) {
                registry.makeGauge(descriptor: descriptor, labels: [("queue", queue)]).set(Double(counts[queue] ?? 0))
            }
            seen.formUnion(counts.keys)
        }
    }

    /// Sets open cases per (department, kind, severity); series no longer present drop to 0.
    func openCases(_ counts: [[String]: Int]) {
        let descriptor = MetricNameDescriptor(
            metricName: "caretaker_cases_open", unitName: "", helpText: "Open cases by department, kind and severity (or priority).")
        openCaseSeries.withLock { seen in
            for series in seen.union(counts.keys) {
                registry.makeGauge(
                    descriptor: descriptor,
                    labels: [("department", series[0]), ("kind", series[1]), ("severity", series[2])]
                ).set(Double(counts[series] ?? 0))
            }
            seen.formUnion(counts.keys)
        }
    }
}
