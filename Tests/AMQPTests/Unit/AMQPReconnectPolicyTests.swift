import AMQP
import Testing

/// A deterministic generator (SplitMix64) so jitter is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct AMQPReconnectPolicyTests {
    @Test func withoutJitterDelaysDoubleUpToTheCap() {
        let policy = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1), multiplier: 2, jitter: 0)
        var generator = SeededGenerator(state: 1)
        let delays = (1...6).map { policy.delay(afterFailures: $0, using: &generator) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test(arguments: 1...12)
    func jitterStaysWithinItsBand(failures: Int) {
        let policy = AMQPReconnectPolicy(initialDelay: .milliseconds(200), maximumDelay: .seconds(5), jitter: 0.5)
        var generator = SeededGenerator(state: UInt64(failures))
        let base = min(Duration.seconds(5), .milliseconds(200) * (1 << (failures - 1)))
        for _ in 0..<200 {
            let delay = policy.delay(afterFailures: failures, using: &generator)
            #expect(delay <= base)
            #expect(delay >= base / 2)
        }
    }

    @Test func jitterSpreadsDelays() {
        let policy = AMQPReconnectPolicy(jitter: 0.2)
        var generator = SeededGenerator(state: 42)
        let delays = Set((0..<50).map { _ in policy.delay(afterFailures: 3, using: &generator) })
        #expect(delays.count > 40)
    }

    @Test func hugeFailureCountsStayCapped() {
        let policy = AMQPReconnectPolicy(maximumDelay: .seconds(30), jitter: 0)
        #expect(policy.delay(afterFailures: 10_000) == .seconds(30))
        #expect(policy.delay(afterFailures: 0) == .milliseconds(200))
    }
}
