import Synchronization

/// When each latency probe was published and when its `case.created` event arrived.
final class LatencyLog: Sendable {
    private let published: Mutex<[ContinuousClock.Instant?]>
    private let arrived: Mutex<[ContinuousClock.Instant?]>
    private let arrivals = Atomic<Int>(0)

    /// Room for `count` probes.
    init(count: Int) {
        published = Mutex(Array(repeating: nil, count: count))
        arrived = Mutex(Array(repeating: nil, count: count))
    }

    /// Notes that probe `index` is being published now.
    func notePublished(_ index: Int, at instant: ContinuousClock.Instant) {
        published.withLock { $0[index] = instant }
    }

    /// Notes that probe `index`'s event arrived (the first arrival counts).
    func noteArrived(_ index: Int, at instant: ContinuousClock.Instant) {
        let first = arrived.withLock { times -> Bool in
            guard times.indices.contains(index), times[index] == nil else { return false }
            times[index] = instant
            return true
        }
        if first { arrivals.add(1, ordering: .relaxed) }
    }

    /// How many distinct probes arrived.
    var arrivedCount: Int { arrivals.load(ordering: .relaxed) }

    /// Latencies in milliseconds of probes from `first` on that arrived, and how many did not.
    func latencies(from first: Int) -> (milliseconds: [Double], missing: Int) {
        let sent = published.withLock { $0 }
        let received = arrived.withLock { $0 }
        var values: [Double] = []
        var missing = 0
        for index in first..<sent.count {
            guard let start = sent[index] else { continue }
            guard let end = received[index] else {
                missing += 1
                continue
            }
            values.append((end - start).milliseconds)
        }
        return (values, missing)
    }
}
