import Foundation

/// A serial executor that runs every job on one operating-system thread of its own.
///
/// Blocking C libraries (rabbitmq-c, libpq) must never block Swift's cooperative pool, and a
/// rabbitmq-c connection must only ever be used from one thread. An actor whose
/// `unownedExecutor` is one of these gets both: its methods run on the dedicated thread, in
/// order, and may block it freely.
///
/// The thread keeps running until ``shutdown()``; jobs enqueued after that still run, then the
/// thread exits once its queue is empty.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked Sendable: `queue`, `stopping` and `thread` are only touched with `condition` held.
    private let condition = NSCondition()
    private var queue: [UnownedJob] = []
    private var stopping = false
    private var thread: Thread?

    /// The name given to the thread, shown by debuggers and `top -H`.
    public let name: String

    /// Starts the thread.
    ///
    /// - Parameter name: a short name for the thread (Linux keeps the first 15 bytes).
    public init(name: String) {
        self.name = name
        let thread = Thread { [self] in self.runLoop() }
        thread.name = name
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// Queues a job to run on the dedicated thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        queue.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// An unowned reference for an actor's `unownedExecutor`.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless called from the dedicated thread; Swift calls it for `assumeIsolated`.
    public func checkIsolated() {
        precondition(isCurrent, "not on the dedicated thread \(name)")
    }

    /// Whether the caller runs on this executor's thread.
    public var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        return thread.map { $0 == Thread.current } ?? false
    }

    /// Lets the thread exit once the jobs already queued have run.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping {
                condition.wait()
            }
            if queue.isEmpty {
                thread = nil
                condition.unlock()
                return
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(on: asUnownedSerialExecutor())
            }
        }
    }
}
