import Backoff

/// When the next automatic reconnection attempt may start: immediately after a connection is lost,
/// then after exponentially growing delays, jittered by ±20 %, while attempts keep failing.
struct ReconnectBackoff {
    let delays: ExponentialBackoff
    private(set) var failures = 0
    private(set) var notBefore: ContinuousClock.Instant?

    init(initialDelay: Duration, maxDelay: Duration) {
        delays = ExponentialBackoff(initialDelay: initialDelay, maximumDelay: maxDelay, jitter: 0.8...1.2)
    }

    /// Whether an attempt may start at `now`.
    func mayAttempt(at now: ContinuousClock.Instant) -> Bool {
        notBefore.map { now >= $0 } ?? true
    }

    /// The delay after `failures` consecutive failures, before jitter.
    func delay(afterFailures failures: Int) -> Duration {
        delays.baseDelay(afterFailures: failures)
    }

    /// Records a failed attempt; the next may start after the jittered delay.
    mutating func failed(at now: ContinuousClock.Instant) {
        failures += 1
        notBefore = now + delays.delay(afterFailures: failures)
    }

    /// Records a success (or an explicit request): the next attempt may start at once.
    mutating func reset() {
        failures = 0
        notBefore = nil
    }
}
