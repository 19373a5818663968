/// Decides which `sd_notify` messages the worker sends, from what its loops report; performs no
/// I/O and reads no clock, so every rule is tested without sockets (``ServiceManagerNotifications``
/// sends what it returns).
///
/// - `READY=1` once, when the intake consumer is first connected and consuming, with a `STATUS=`
///   text that `systemctl status` shows; after that a new `STATUS=` each time the consumer stops
///   or resumes consuming (a broker or database outage), so the status tells which it is.
/// - `WATCHDOG=1` at most every half watchdog interval, and only when every loop's tick counter
///   moved since the previous ping: a stuck consumer or scheduler stops the pings, and systemd
///   restarts the instance after `WatchdogSec`. Without progress the ping is held back and sent
///   as soon as progress shows, so one slow loop iteration does not cost a whole period.
/// - `STOPPING=1` once (with its `STATUS=`), when graceful shutdown begins; nothing is sent after it.
public struct ServiceManagerStatus: Sendable {
    /// A message for the service manager.
    public enum Message: String, Sendable, Equatable {
        /// Start-up is complete: connected and consuming.
        case ready = "READY=1\nSTATUS=Consuming intake"
        /// The intake consumer stopped consuming after start-up (it reconnects by itself).
        case waiting = "STATUS=Waiting for RabbitMQ or PostgreSQL: intake not consuming"
        /// The intake consumer is consuming again after an outage.
        case consumingAgain = "STATUS=Consuming intake again"
        /// The loops are making progress.
        case watchdog = "WATCHDOG=1"
        /// Graceful shutdown has begun.
        case stopping = "STOPPING=1\nSTATUS=Stopping: finishing the batch in flight"
    }

    /// The watchdog interval; `nil` sends no pings.
    public let watchdogInterval: Duration?
    private var isReady = false
    private var wasConsuming = false
    private var isStopping = false
    private var lastPing: Duration = .zero
    private var ticksAtLastPing: [Int]?

    /// Creates the state for a service whose watchdog interval is `watchdogInterval`.
    public init(watchdogInterval: Duration?) {
        self.watchdogInterval = watchdogInterval
    }

    /// The messages due now.
    ///
    /// - Parameters:
    ///   - elapsed: time since start-up, from any monotonic clock.
    ///   - isConsuming: whether the intake consumer is connected and consuming.
    ///   - ticks: each watched loop's tick counter, in the same order on every call.
    public mutating func messages(elapsed: Duration, isConsuming: Bool, ticks: [Int]) -> [Message] {
        guard !isStopping else { return [] }
        var due: [Message] = []
        if !isReady, isConsuming {
            isReady = true
            due.append(.ready)
        } else if isReady, isConsuming != wasConsuming {
            due.append(isConsuming ? .consumingAgain : .waiting)
        }
        if isReady { wasConsuming = isConsuming }
        guard let watchdogInterval else { return due }
        guard let previous = ticksAtLastPing else {
            // The first sample is the baseline that progress is measured from.
            ticksAtLastPing = ticks
            lastPing = elapsed
            return due
        }
        let progressed = previous.count == ticks.count && zip(previous, ticks).allSatisfy { $0 != $1 }
        if progressed, elapsed - lastPing >= watchdogInterval / 2 {
            due.append(.watchdog)
            lastPing = elapsed
            ticksAtLastPing = ticks
        }
        return due
    }

    /// The message that announces shutdown: `STOPPING=1` the first time, nothing after.
    public mutating func stopping() -> [Message] {
        guard !isStopping else { return [] }
        isStopping = true
        return [.stopping]
    }
}
