import CaretakerStore
import Synchronization

/// What the intake consumer has done, for metrics and readiness checks.
public final class IntakeStatistics: Sendable {
    private let consuming = Atomic<Bool>(false)
    private let ticks = Atomic<Int>(0)
    private let counters = Mutex<Counters>(Counters())
    private let recentBatches = Mutex<[Duration]>([])

    /// A snapshot of the counters.
    public struct Counters: Sendable, Equatable {
        /// Deliveries recorded (created, duplicate or rejected) and acked.
        public var acked = 0
        /// Cases created.
        public var created = 0
        /// Deliveries whose message id was already processed.
        public var duplicates = 0
        /// Deliveries recorded as rejected and dead-lettered.
        public var deadLettered = 0
        /// Of the dead-lettered, those whose `user_id` was not the hotline's (`not_authenticated`).
        public var notAuthenticated = 0
        /// Deliveries the broker marked as redelivered.
        public var redelivered = 0
        /// Batches committed.
        public var batches = 0
        /// Broker reconnects after a failure.
        public var reconnects = 0
        /// Total time spent decoding, classifying and committing batches, in seconds.
        public var processingSeconds = 0.0
        /// Of `processingSeconds`: decoding and classifying.
        public var triageSeconds = 0.0
        /// Of `processingSeconds`: the recording transaction, commit included.
        public var recordSeconds = 0.0
        /// Of `processingSeconds`: sending the `multiple` ack.
        public var ackSeconds = 0.0
    }

    /// How long the phases of one batch took.
    struct Phases {
        var triage: Duration
        var record: Duration
        var ack: Duration
    }

    /// The broker node the component's connection is on.
    public let brokerNode = BrokerNode()

    /// Creates zeroed statistics.
    public init() {}

    /// Whether the consumer is connected and consuming.
    public var isConsuming: Bool { consuming.load(ordering: .acquiring) }

    /// How many times the consume loop has gone round: at least every 250 ms while consuming,
    /// even on an empty queue, so a counter that stops moving means the loop is stuck (the
    /// systemd watchdog's progress signal).
    public var loopTicks: Int { ticks.load(ordering: .relaxed) }

    /// The counters now.
    public var snapshot: Counters { counters.withLock { $0 } }

    /// The durations of the batches committed since the last call (at most the latest 4096),
    /// for a latency histogram; the one metrics reader takes them.
    public func drainBatchDurations() -> [Duration] {
        recentBatches.withLock { batches in
            defer { batches.removeAll(keepingCapacity: true) }
            return batches
        }
    }

    func setConsuming(_ value: Bool) { consuming.store(value, ordering: .releasing) }

    func tick() { ticks.wrappingAdd(1, ordering: .relaxed) }

    func countNotAuthenticated(_ count: Int) {
        guard count > 0 else { return }
        counters.withLock { $0.notAuthenticated += count }
    }

    func countReconnect() { counters.withLock { $0.reconnects += 1 } }

    func record(_ outcomes: [IntakeOutcome], redelivered: Int, phases: Phases) {
        recentBatches.withLock { batches in
            if batches.count >= 4096 { batches.removeFirst(batches.count - 4095) }
            batches.append(phases.triage + phases.record + phases.ack)
        }
        counters.withLock { counters in
            counters.batches += 1
            counters.acked += outcomes.count
            counters.redelivered += redelivered
            counters.triageSeconds += phases.triage.seconds
            counters.recordSeconds += phases.record.seconds
            counters.ackSeconds += phases.ack.seconds
            counters.processingSeconds += (phases.triage + phases.record + phases.ack).seconds
            for outcome in outcomes {
                switch outcome {
                case .created: counters.created += 1
                case .duplicate: counters.duplicates += 1
                case .rejected: counters.deadLettered += 1
                }
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
