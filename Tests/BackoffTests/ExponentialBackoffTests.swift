import Backoff
import CaretakerCore
import Testing

@Suite struct ExponentialBackoffTests {
    @Test func withoutJitterDelaysDoubleUpToTheCap() {
        let policy = ExponentialBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(1), multiplier: 2, jitter: 1...1)
        var generator = SplitMix64(seed: 1)
        let delays = (1...6).map { policy.delay(afterFailures: $0, using: &generator) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test(arguments: 1...12)
    func jitterStaysWithinItsBand(failures: Int) {
        let policy = ExponentialBackoff(initialDelay: .milliseconds(200), maximumDelay: .seconds(5), jitter: 0.5...1)
        var generator = SplitMix64(seed: UInt64(failures))
        let base = min(Duration.seconds(5), .milliseconds(200) * (1 << (failures - 1)))
        for _ in 0..<200 {
            let delay = policy.delay(afterFailures: failures, using: &generator)
            #expect(delay <= base)
            #expect(delay >= base / 2)
        }
    }

    @Test func jitterSpreadsDelays() {
        let policy = ExponentialBackoff(jitter: 0.8...1)
        var generator = SplitMix64(seed: 42)
        let delays = Set((0..<50).map { _ in policy.delay(afterFailures: 3, using: &generator) })
        #expect(delays.count > 40)
    }

    @Test func hugeFailureCountsStayCapped() {
        let policy = ExponentialBackoff(maximumDelay: .seconds(30), jitter: 1...1)
        #expect(policy.delay(afterFailures: 10_000) == .seconds(30))
        #expect(policy.delay(afterFailures: 0) == .milliseconds(200))
    }

    @Test func aSpreadJitterGoesBothWaysAroundTheBase() {
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(50), maximumDelay: .seconds(1), jitter: 0.8...1.2)
        #expect(backoff.baseDelay(afterFailures: 3) == .milliseconds(200))
        var generator = SplitMix64(seed: 7)
        let delays = (0..<200).map { _ in backoff.delay(afterFailures: 30, using: &generator) }
        #expect(delays.allSatisfy { $0 >= .milliseconds(800) && $0 <= .milliseconds(1200) })
        #expect(delays.contains { $0 > .seconds(1) })
        #expect(delays.contains { $0 < .seconds(1) })
    }

    @Test func theMultiplierSetsTheGrowth() {
        let backoff = ExponentialBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(10), multiplier: 3, jitter: 1...1)
        #expect((1...4).map { backoff.baseDelay(afterFailures: $0) } ==
            [.milliseconds(100), .milliseconds(300), .milliseconds(900), .milliseconds(2700)])
    }
}
