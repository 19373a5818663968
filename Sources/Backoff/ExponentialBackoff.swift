/// Exponentially growing, capped, jittered delays between attempts that keep failing.
///
/// After the `n`th consecutive failure (1-based; 0 counts as 1) the base delay is
/// `min(maximumDelay, initialDelay × multiplier^(n-1))`, and the delay is the base multiplied by a
/// factor drawn uniformly from `jitter`, so many workers that lost a server together do not return
/// in lockstep. `0.8...1` takes up to 20 % off (no delay exceeds the cap), `0.8...1.2` spreads
/// ±20 %, `1...1` is no jitter. Pure: randomness is injected, the caller keeps the failure count.
public struct ExponentialBackoff: Sendable, Equatable {
    /// The delay after the first failure, before jitter.
    public var initialDelay: Duration
    /// The cap on any base delay.
    public var maximumDelay: Duration
    /// The growth factor per further failure (at least 1).
    public var multiplier: Double
    /// The factors a base delay is multiplied by at random (non-negative).
    public var jitter: ClosedRange<Double>

    /// Creates a backoff; the defaults go 0.2 s, 0.4 s, 0.8 s, … up to 30 s, each up to 20 % shorter.
    public init(
        initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(30),
        multiplier: Double = 2, jitter: ClosedRange<Double> = 0.8...1
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = max(maximumDelay, initialDelay)
        self.multiplier = max(1, multiplier)
        self.jitter = max(0, jitter.lowerBound)...max(0, jitter.upperBound)
    }

    /// The delay after `failures` consecutive failures, before jitter.
    public func baseDelay(afterFailures failures: Int) -> Duration {
        let initial = Self.seconds(initialDelay)
        let maximum = Self.seconds(maximumDelay)
        var base = initial
        for _ in 1..<min(max(1, failures), 65) where base < maximum { base *= multiplier }
        return .nanoseconds(Int64((min(base, maximum) * 1e9).rounded()))
    }

    /// The delay before the next attempt after `failures` consecutive failures.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base = Self.seconds(baseDelay(afterFailures: failures))
        let spread = jitter.upperBound - jitter.lowerBound
        let factor = jitter.upperBound - spread * Double.random(in: 0..<1, using: &generator)
        return .nanoseconds(Int64((base * factor * 1e9).rounded()))
    }

    /// The delay before the next attempt, using the system random number generator.
    public func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
