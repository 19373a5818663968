import DedicatedThread
import Foundation
import Testing

/// An actor pinned to a dedicated thread, as the AMQP and Postgres wrappers are.
private actor PinnedCounter {
    nonisolated let executor = DedicatedThreadExecutor(name: "test.pinned")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private(set) var threads: Set<ObjectIdentifier> = []
    private(set) var count = 0

    func increment() {
        threads.insert(ObjectIdentifier(Thread.current))
        count += 1
    }

    func runsOnOwnThread() -> Bool { executor.isCurrent }

    func blockFor(milliseconds: UInt32) {
        usleep(milliseconds * 1000)
    }
}

@Suite struct DedicatedThreadExecutorTests {
    @Test func everyCallRunsOnTheSameDedicatedThread() async {
        let counter = PinnedCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<1_000 {
                group.addTask { await counter.increment() }
            }
        }
        #expect(await counter.count == 1_000)
        #expect(await counter.threads.count == 1)
        #expect(await counter.runsOnOwnThread())
        #expect(!counter.executor.isCurrent)
        counter.executor.shutdown()
    }

    @Test func blockingTheDedicatedThreadLeavesOtherTasksRunning() async {
        let counter = PinnedCounter()
        let started = ContinuousClock.now
        async let blocked: Void = counter.blockFor(milliseconds: 300)
        // The cooperative pool stays free: this sleep ends on time while the actor blocks.
        try? await Task.sleep(for: .milliseconds(50))
        let elapsedWhileBlocked = ContinuousClock.now - started
        await blocked
        #expect(elapsedWhileBlocked < .milliseconds(250))
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        counter.executor.shutdown()
    }
}
