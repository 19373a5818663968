/// Exponential backoff with jitter for reconnecting to the broker.
///
/// After the `n`th consecutive failure (1-based) the base delay is
/// `min(maximumDelay, initialDelay × multiplier^(n-1))`, and the delay is drawn uniformly from
/// `[base × (1 − jitter), base]`, so many workers that lost the broker together do not return in
/// lockstep and no delay ever exceeds `maximumDelay`. Pure: randomness is injected.
public struct AMQPReconnectPolicy: Sendable, Equatable {
    /// The delay after the first failure, before jitter.
    public var initialDelay: Duration
    /// The cap on any delay.
    public var maximumDelay: Duration
    /// The growth factor per further failure (at least 1).
    public var multiplier: Double
    /// The fraction of the base delay that may be taken off at random, 0…1.
    public var jitter: Double

    /// Creates a policy; the defaults go 0.2 s, 0.4 s, 0.8 s, … up to 30 s, each up to 20 % shorter.
    public init(
        initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(30),
        multiplier: Double = 2, jitter: Double = 0.2
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = max(maximumDelay, initialDelay)
        self.multiplier = max(1, multiplier)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before the next attempt after `failures` consecutive failures (at least 1).
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let initial = Self.seconds(initialDelay)
        let maximum = Self.seconds(maximumDelay)
        let exponent = Double(max(0, failures - 1))
        let base = min(maximum, initial * pow(multiplier, min(exponent, 64)))
        let factor = 1 - jitter * Double.random(in: 0..<1, using: &generator)
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

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 {
            result *= base
            remaining -= 1
            if result > 1e12 { break }
        }
        return result
    }
}
