import AMQP
import Testing

@Suite struct AMQPConfirmTrackerTests {
    private func tracker(publishing count: Int) -> AMQPConfirmTracker {
        var tracker = AMQPConfirmTracker()
        for _ in 0..<count { _ = tracker.registerPublish() }
        return tracker
    }

    @Test func numbersPublishesFromOne() {
        var tracker = AMQPConfirmTracker()
        #expect(tracker.registerPublish() == 1)
        #expect(tracker.registerPublish() == 2)
        #expect(tracker.outstandingTags == [1, 2])
    }

    @Test func singleAckSettlesOnlyItsTag() {
        var tracker = tracker(publishing: 3)
        #expect(tracker.handleAck(deliveryTag: 2, multiple: false) == AMQPConfirmation(outcome: .ack, deliveryTags: [2]))
        #expect(tracker.outstandingTags == [1, 3])
    }

    @Test func multipleAckSettlesEverythingUpToItsTag() {
        var tracker = tracker(publishing: 5)
        #expect(tracker.handleAck(deliveryTag: 3, multiple: true).deliveryTags == [1, 2, 3])
        #expect(tracker.outstandingTags == [4, 5])
    }

    @Test func multipleAckSkipsTagsAlreadySettledOutOfOrder() {
        var tracker = tracker(publishing: 6)
        _ = tracker.handleAck(deliveryTag: 2, multiple: false)
        _ = tracker.handleNack(deliveryTag: 4, multiple: false)
        #expect(tracker.handleAck(deliveryTag: 5, multiple: true).deliveryTags == [1, 3, 5])
        #expect(tracker.outstandingTags == [6])
    }

    @Test func nackReportsNackOutcome() {
        var tracker = tracker(publishing: 4)
        let confirmation = tracker.handleNack(deliveryTag: 2, multiple: true)
        #expect(confirmation == AMQPConfirmation(outcome: .nack, deliveryTags: [1, 2]))
        #expect(tracker.outstandingCount == 2)
    }

    @Test func outOfOrderSingleAcksAllSettle() {
        var tracker = tracker(publishing: 4)
        for tag: UInt64 in [4, 1, 3, 2] {
            #expect(tracker.handleAck(deliveryTag: tag, multiple: false).deliveryTags == [tag])
        }
        #expect(tracker.outstandingCount == 0)
    }

    @Test(arguments: [(UInt64(2), false), (UInt64(9), false), (UInt64(0), false)])
    func duplicateOrUnknownAckSettlesNothing(tag: UInt64, multiple: Bool) {
        var tracker = tracker(publishing: 3)
        _ = tracker.handleAck(deliveryTag: 2, multiple: false)
        #expect(tracker.handleAck(deliveryTag: tag, multiple: multiple).deliveryTags.isEmpty)
        #expect(tracker.outstandingTags == [1, 3])
    }

    @Test func multipleWithTagZeroSettlesEverything() {
        var tracker = tracker(publishing: 3)
        #expect(tracker.handleAck(deliveryTag: 0, multiple: true).deliveryTags == [1, 2, 3])
    }

    @Test func abandonAllReturnsUnconfirmedAndKeepsNumbering() {
        var tracker = tracker(publishing: 3)
        _ = tracker.handleAck(deliveryTag: 1, multiple: false)
        #expect(tracker.abandonAll() == [2, 3])
        #expect(tracker.outstandingCount == 0)
        #expect(tracker.registerPublish() == 4)
    }
}
