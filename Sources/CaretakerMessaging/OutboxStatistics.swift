import CaretakerStore
import Synchronization

/// What the outbox relay has done, for metrics.
public final class OutboxStatistics: Sendable {
    private let counters = Mutex<Counters>(Counters())

    /// A snapshot of the counters.
    public struct Counters: Sendable, Equatable {
        /// Rows the broker confirmed.
        public var confirmed = 0
        /// Rows the broker confirmed but could not route (no queue bound).
        public var returned = 0
        /// Rows the broker refused; they stay unsent and are retried.
        public var refused = 0
        /// Rows parked unpublished because their stored headers are malformed.
        public var parked = 0
        /// Broker reconnects after a failure.
        public var reconnects = 0
        /// Batches relayed (claimed, published, confirmed and settled).
        public var batches = 0
        /// Total time of those batches, from claim to commit, in seconds.
        public var batchSeconds = 0.0
        /// Of `batchSeconds`: publishing and waiting for the broker's confirms.
        public var publishSeconds = 0.0
    }

    /// The broker node the component's connection is on.
    public let brokerNode = BrokerNode()

    /// Creates zeroed statistics.
    public init() {}

    /// The counters now.
    public var snapshot: Counters { counters.withLock { $0 } }

    func countReconnect() { counters.withLock { $0.reconnects += 1 } }

    func countParked(_ rows: Int) { counters.withLock { $0.parked += rows } }

    func recordBatch(elapsed: Duration) {
        counters.withLock { counters in
            counters.batches += 1
            counters.batchSeconds += elapsed.seconds
        }
    }

    func record(_ results: [Int64: OutboxResult], publishing: Duration = .zero) {
        counters.withLock { counters in
            counters.publishSeconds += publishing.seconds
            for result in results.values {
                switch result {
                case .confirmed: counters.confirmed += 1
                case .returned: counters.returned += 1
                case .refused: counters.refused += 1
                }
            }
        }
    }
}
