import CaretakerApp
import Testing

/// Which `sd_notify` messages are due, decided without sockets or clocks.
@Suite struct ServiceManagerStatusTests {
    @Test func readyIsSentOnceWhenConsumingFirstBecomesTrue() {
        var status = ServiceManagerStatus(watchdogInterval: nil)
        #expect(status.messages(elapsed: .zero, isConsuming: false, ticks: [0, 0]) == [])
        #expect(status.messages(elapsed: .milliseconds(500), isConsuming: false, ticks: [0, 0]) == [])
        #expect(status.messages(elapsed: .seconds(1), isConsuming: true, ticks: [1, 1]) == [.ready])
        #expect(status.messages(elapsed: .seconds(2), isConsuming: true, ticks: [2, 2]) == [])
    }

    @Test func anOutageAfterStartUpChangesTheStatusTextOnEachTransitionOnly() {
        var status = ServiceManagerStatus(watchdogInterval: nil)
        #expect(status.messages(elapsed: .zero, isConsuming: true, ticks: [0]) == [.ready])
        #expect(status.messages(elapsed: .seconds(1), isConsuming: false, ticks: [1]) == [.waiting])
        #expect(status.messages(elapsed: .seconds(2), isConsuming: false, ticks: [2]) == [])
        #expect(status.messages(elapsed: .seconds(3), isConsuming: true, ticks: [3]) == [.consumingAgain])
        #expect(status.messages(elapsed: .seconds(4), isConsuming: true, ticks: [4]) == [])
    }

    @Test(arguments: [
        (.ready, "READY=1"), (.stopping, "STOPPING=1"),
        (.waiting, nil), (.consumingAgain, nil), (.watchdog, "WATCHDOG=1"),
    ] as [(ServiceManagerStatus.Message, String?)])
    func everyStateChangeCarriesAStatusText(message: ServiceManagerStatus.Message, assignment: String?) {
        let lines = message.rawValue.split(separator: "\n").map(String.init)
        if let assignment { #expect(lines.first == assignment) }
        // systemctl status shows STATUS=; the watchdog ping alone leaves it as it was.
        #expect(lines.contains { $0.hasPrefix("STATUS=") } == (message != .watchdog))
    }

    @Test func watchdogPingsAtHalfTheIntervalWhileEveryLoopProgresses() {
        var status = ServiceManagerStatus(watchdogInterval: .seconds(10))
        #expect(status.messages(elapsed: .zero, isConsuming: true, ticks: [0, 0]) == [.ready])
        #expect(status.messages(elapsed: .seconds(4), isConsuming: true, ticks: [5, 5]) == [])
        #expect(status.messages(elapsed: .seconds(5), isConsuming: true, ticks: [6, 6]) == [.watchdog])
        #expect(status.messages(elapsed: .seconds(7), isConsuming: true, ticks: [9, 9]) == [])
        #expect(status.messages(elapsed: .seconds(10), isConsuming: true, ticks: [12, 12]) == [.watchdog])
    }

    @Test func aStuckLoopHoldsThePingUntilItMovesAgain() {
        var status = ServiceManagerStatus(watchdogInterval: .seconds(10))
        _ = status.messages(elapsed: .zero, isConsuming: true, ticks: [0, 0])
        // The scheduler (second counter) is stuck: no ping however long it lasts.
        #expect(status.messages(elapsed: .seconds(5), isConsuming: true, ticks: [9, 0]) == [])
        #expect(status.messages(elapsed: .seconds(9), isConsuming: true, ticks: [20, 0]) == [])
        // It moves: the held-back ping goes out at once.
        #expect(status.messages(elapsed: .milliseconds(9250), isConsuming: true, ticks: [21, 1]) == [.watchdog])
    }

    @Test func stoppingIsSentOnceAndSilencesEverythingAfter() {
        var status = ServiceManagerStatus(watchdogInterval: .seconds(2))
        _ = status.messages(elapsed: .zero, isConsuming: false, ticks: [0])
        #expect(status.stopping() == [.stopping])
        #expect(status.stopping() == [])
        #expect(status.messages(elapsed: .seconds(5), isConsuming: true, ticks: [9]) == [])
    }
}
