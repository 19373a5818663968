import Synchronization

/// Wakes the outbox relay soon after a transaction wrote outbox rows, so events leave within a
/// few milliseconds instead of waiting for the next poll of the table.
///
/// Signals coalesce. The waiter checks a flag every two milliseconds: cheaper and simpler to
/// get right than handing continuations across tasks, and the lag is far below the latency goal.
public final class OutboxSignal: Sendable {
    private let pending = Atomic<Bool>(false)

    /// Creates a signal with nothing pending.
    public init() {}

    /// Says that new rows are waiting.
    public func notify() {
        pending.store(true, ordering: .releasing)
    }

    /// Returns when rows were signalled (now or later), or when `timeout` passes, or on cancellation.
    public func wait(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if pending.exchange(false, ordering: .acquiringAndReleasing) { return }
            do {
                try await Task.sleep(for: .milliseconds(2))
            } catch {
                return
            }
        }
    }
}
