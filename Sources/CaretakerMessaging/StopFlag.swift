import Synchronization

/// Set once when the worker should stop taking new work; loops check it between units of work
/// so the unit in flight finishes (commit, then ack) before they return.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Creates a lowered flag.
    public init() {}

    /// Asks every loop watching this flag to stop after its current unit of work.
    public func raise() {
        raised.store(true, ordering: .releasing)
    }

    /// Whether a stop was asked for.
    public var isRaised: Bool {
        raised.load(ordering: .acquiring)
    }

    /// Sleeps up to `duration`, waking early (every 50 ms check) when the flag is raised.
    public func sleep(_ duration: Duration) async {
        let deadline = ContinuousClock.now + duration
        while !isRaised, ContinuousClock.now < deadline {
            let step = min(deadline - ContinuousClock.now, .milliseconds(50))
            guard (try? await Task.sleep(for: step)) != nil else { return }
        }
    }
}
