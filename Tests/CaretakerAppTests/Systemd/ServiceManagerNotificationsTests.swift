import CaretakerApp
import CaretakerMessaging
import Logging
import Synchronization
import Testing

/// The notifier loop end to end: real clock, real datagram socket, fake loops.
@Suite struct ServiceManagerNotificationsTests {
    final class FakeLoops: Sendable {
        let consuming = Atomic<Bool>(false)
        let intakeTicks = Atomic<Int>(0)
        let schedulerTicks = Atomic<Int>(0)
    }

    @Test func announcesReadinessPingsWhileLoopsProgressAndAnnouncesStopping() async throws {
        let socket = try DatagramSocket()
        let notifier = try #require(SystemdNotifier(environment: [
            "NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "200000",
        ]))
        let loops = FakeLoops()
        let notifications = ServiceManagerNotifications(
            notifier: notifier, clock: ContinuousClock(), isConsuming: { loops.consuming.load(ordering: .relaxed) },
            ticks: { [loops.intakeTicks.load(ordering: .relaxed), loops.schedulerTicks.load(ordering: .relaxed)] },
            logger: Logger(label: "test"))
        #expect(notifications.checkInterval == .milliseconds(50))
        let stop = StopFlag()
        let running = Task { await notifications.run(stop: stop) }
        defer { stop.raise() }

        // Not consuming and no progress: nothing at all.
        #expect(socket.receive(for: .milliseconds(400)) == [])

        loops.consuming.store(true, ordering: .relaxed)
        #expect(socket.receiveOne(within: .seconds(2)) == "READY=1\nSTATUS=Consuming intake")

        // Both loops tick: pings arrive, spaced at least half the interval apart.
        let ticking = Task {
            while !Task.isCancelled {
                loops.intakeTicks.add(1, ordering: .relaxed)
                loops.schedulerTicks.add(1, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let pings = socket.receive(for: .milliseconds(700))
        #expect(Set(pings) == ["WATCHDOG=1"])
        #expect((3...8).contains(pings.count), "\(pings)")
        ticking.cancel()
        await ticking.value

        // The scheduler stops ticking while intake goes on: the pings stop.
        _ = socket.receive(for: .milliseconds(150))
        let intakeOnly = Task {
            while !Task.isCancelled {
                loops.intakeTicks.add(1, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(socket.receive(for: .milliseconds(500)) == [])
        intakeOnly.cancel()
        await intakeOnly.value

        notifications.stopping()
        #expect(socket.receiveOne(within: .seconds(2)) == "STOPPING=1\nSTATUS=Stopping: finishing the batch in flight")
        stop.raise()
        await running.value
    }
}
