internal import CRabbitMQ
import Foundation

/// Shuts a connection's socket down when one library call blocks past its deadline.
///
/// rabbitmq-c 0.11 can block forever in a send to a dead or blocked peer. The connection arms the
/// watchdog before each call and disarms it after; if the deadline passes first, this thread calls
/// `shutdown(fd, SHUT_RDWR)`, which makes the blocked call fail at once. It never closes the
/// descriptor: ``stop()`` must be called before the connection is destroyed, so a recycled
/// descriptor number is never shut down by mistake.
final class AMQPWatchdog: @unchecked Sendable {
    // @unchecked Sendable: every stored property is read and written only with `condition` held.
    private let condition = NSCondition()
    private let fd: Int32
    private var deadline: Date?
    private var stopped = false
    private var fired = false

    init(fd: Int32, name: String) {
        self.fd = fd
        let thread = Thread { [self] in self.run() }
        thread.name = String(name.prefix(15))
        thread.stackSize = 64 << 10
        thread.start()
    }

    /// Starts timing a call that must finish within `timeout`.
    func arm(for timeout: Duration) {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        condition.lock()
        deadline = Date(timeIntervalSinceNow: seconds)
        condition.signal()
        condition.unlock()
    }

    /// Stops timing; returns whether the watchdog shut the socket down during the call.
    @discardableResult
    func disarm() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        deadline = nil
        return fired
    }

    /// Ends the thread; after this returns the socket is never touched again.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            guard let deadline else {
                condition.wait()
                continue
            }
            if deadline.timeIntervalSinceNow <= 0 {
                _ = caretaker_shutdown_socket(fd)
                fired = true
                self.deadline = nil
            } else {
                _ = condition.wait(until: deadline)
            }
        }
    }
}
