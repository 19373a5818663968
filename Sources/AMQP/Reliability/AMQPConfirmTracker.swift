/// Tracks publisher-confirm sequence numbers: which publishes the broker has not settled yet.
///
/// rabbitmq-c 0.11 has no confirm support, so the connection numbers each publish (1, 2, 3, …
/// per channel, as the broker does after `confirm.select`) and feeds every broker basic.ack and
/// basic.nack here. Pure: no I/O, so every case is unit-tested. A `multiple` ack settles every
/// outstanding tag up to and including its tag; tag 0 with `multiple` settles everything.
/// Acks for tags already settled or never published settle nothing.
public struct AMQPConfirmTracker: Sendable, Equatable {
    /// Outstanding tags, ascending (tags are issued in order, settlement may be out of order).
    private var outstanding: [UInt64] = []
    /// The tag the next publish gets.
    public private(set) var nextDeliveryTag: UInt64 = 1

    /// Creates an empty tracker, numbering from 1.
    public init() {}

    /// How many publishes wait for a confirm.
    public var outstandingCount: Int { outstanding.count }

    /// The tags waiting for a confirm, ascending.
    public var outstandingTags: [UInt64] { outstanding }

    /// Records a publish and returns its tag.
    public mutating func registerPublish() -> UInt64 {
        let tag = nextDeliveryTag
        nextDeliveryTag += 1
        outstanding.append(tag)
        return tag
    }

    /// Applies a broker basic.ack and returns what it settled (possibly no tags).
    public mutating func handleAck(deliveryTag: UInt64, multiple: Bool) -> AMQPConfirmation {
        AMQPConfirmation(outcome: .ack, deliveryTags: settle(deliveryTag, multiple: multiple))
    }

    /// Applies a broker basic.nack and returns what it settled (possibly no tags).
    public mutating func handleNack(deliveryTag: UInt64, multiple: Bool) -> AMQPConfirmation {
        AMQPConfirmation(outcome: .nack, deliveryTags: settle(deliveryTag, multiple: multiple))
    }

    /// Forgets every outstanding tag and returns them: after the connection failed, none of them
    /// will ever be confirmed and all must be published again.
    public mutating func abandonAll() -> [UInt64] {
        defer { outstanding.removeAll() }
        return outstanding
    }

    private mutating func settle(_ tag: UInt64, multiple: Bool) -> [UInt64] {
        if multiple {
            let end = tag == 0 ? outstanding.count : firstIndex(greaterThan: tag)
            let settled = Array(outstanding[..<end])
            outstanding.removeFirst(end)
            return settled
        }
        guard tag > 0 else { return [] }
        let index = firstIndex(greaterThan: tag - 1)
        guard index < outstanding.count, outstanding[index] == tag else { return [] }
        outstanding.remove(at: index)
        return [tag]
    }

    /// Binary search: the index of the first outstanding tag greater than `tag`.
    private func firstIndex(greaterThan tag: UInt64) -> Int {
        var low = 0
        var high = outstanding.count
        while low < high {
            let middle = (low + high) / 2
            if outstanding[middle] <= tag { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
