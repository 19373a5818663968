/// When the next automatic reconnection attempt may start: immediately after a connection is lost,
/// then after exponentially growing, jittered delays while attempts keep failing.
struct ReconnectBackoff {
    let initialDelay: Duration
    let maxDelay: Duration
    private(set) var failures = 0
    private(set) var notBefore: ContinuousClock.Instant?

    init(initialDelay: Duration, maxDelay: Duration) {
        self.initialDelay = initialDelay
        self.maxDelay = max(initialDelay, maxDelay)
    }

    /// Whether an attempt may start at `now`.
    func mayAttempt(at now: ContinuousClock.Instant) -> Bool {
        notBefore.map { now >= $0 } ?? true
    }

    /// The delay after `failures` consecutive failures, before jitter.
    func delay(afterFailures failures: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, failures) where delay < maxDelay { delay *= 2 }
        return min(delay, maxDelay)
    }

    /// Records a failed attempt; the next may start after the delay, jittered by ±20 %.
    mutating func failed(at now: ContinuousClock.Instant) {
        failures += 1
        notBefore = now + delay(afterFailures: failures) * Double.random(in: 0.8...1.2)
    }

    /// Records a success (or an explicit request): the next attempt may start at once.
    mutating func reset() {
        failures = 0
        notBefore = nil
    }
}
