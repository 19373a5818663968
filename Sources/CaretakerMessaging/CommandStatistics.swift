import CaretakerStore
import Synchronization

/// What the command consumer has done, for metrics and readiness checks.
public final class CommandStatistics: Sendable {
    private let consuming = Atomic<Bool>(false)
    private let counters = Mutex<Counters>(Counters())

    /// A snapshot of the counters.
    public struct Counters: Sendable, Equatable {
        /// Commands applied to a case.
        public var applied = 0
        /// Commands refused (state, limits, unknown case).
        public var rejected = 0
        /// Commands already processed before.
        public var duplicates = 0
        /// Commands that could not be decoded (dead-lettered).
        public var malformed = 0
        /// Of the rejected, those from a sender that is not a known console party, or that named
        /// another console as the actor (`not_authenticated`).
        public var notAuthenticated = 0
        /// Of the rejected, those the authorization file does not grant (`not_authorized`).
        public var notAuthorized = 0
    }

    /// The broker node the component's connection is on.
    public let brokerNode = BrokerNode()

    /// Creates zeroed statistics.
    public init() {}

    /// Whether the consumer is connected and consuming.
    public var isConsuming: Bool { consuming.load(ordering: .acquiring) }

    /// The counters now.
    public var snapshot: Counters { counters.withLock { $0 } }

    func setConsuming(_ value: Bool) { consuming.store(value, ordering: .releasing) }

    func count(_ outcome: CommandOutcome) {
        counters.withLock { counters in
            switch outcome {
            case .applied: counters.applied += 1
            case .rejected(let refusal):
                counters.rejected += 1
                if refusal == .lifecycle(.notAuthenticated) { counters.notAuthenticated += 1 }
                if refusal == .lifecycle(.notAuthorized) { counters.notAuthorized += 1 }
            case .duplicate: counters.duplicates += 1
            case .malformed: counters.malformed += 1
            }
        }
    }
}
