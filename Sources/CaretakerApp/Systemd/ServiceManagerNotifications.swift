import CaretakerMessaging
import Logging
import Synchronization

/// Tells systemd how the worker is doing: samples the loops every `checkInterval` (250 ms, or a
/// quarter of the watchdog interval when that is shorter), asks ``ServiceManagerStatus`` what is
/// due and sends it with a ``SystemdNotifier``.
///
/// Generic over the clock so tests control time; a send failure is logged and never stops the
/// worker (the service manager then restarts it when the watchdog runs out).
public final class ServiceManagerNotifications<C: Clock>: Sendable where C.Duration == Duration {
    let notifier: SystemdNotifier
    let clock: C
    let isConsuming: @Sendable () -> Bool
    let ticks: @Sendable () -> [Int]
    let logger: Logger
    private let status: Mutex<ServiceManagerStatus>

    /// The interval between samples.
    public let checkInterval: Duration

    /// Creates the notifications for one worker.
    ///
    /// - Parameters:
    ///   - isConsuming: whether the intake consumer is connected and consuming (readiness).
    ///   - ticks: the watched loops' tick counters (progress), always in the same order.
    public init(notifier: SystemdNotifier, clock: C, isConsuming: @escaping @Sendable () -> Bool,
                ticks: @escaping @Sendable () -> [Int], logger: Logger) {
        self.notifier = notifier
        self.clock = clock
        self.isConsuming = isConsuming
        self.ticks = ticks
        self.logger = logger
        self.status = Mutex(ServiceManagerStatus(watchdogInterval: notifier.watchdogInterval))
        let quarter = notifier.watchdogInterval.map { $0 / 4 } ?? .milliseconds(250)
        self.checkInterval = max(.milliseconds(1), min(.milliseconds(250), quarter))
    }

    /// Samples and notifies until `stop` is raised or the task is cancelled.
    public func run(stop: StopFlag) async {
        let start = clock.now
        while !stop.isRaised {
            let elapsed = start.duration(to: clock.now)
            let consuming = isConsuming()
            let counters = ticks()
            send(status.withLock { $0.messages(elapsed: elapsed, isConsuming: consuming, ticks: counters) })
            guard (try? await clock.sleep(for: checkInterval)) != nil else { return }
        }
    }

    /// Sends `STOPPING=1` (once): call when graceful shutdown begins.
    public func stopping() {
        send(status.withLock { $0.stopping() })
    }

    private func send(_ messages: [ServiceManagerStatus.Message]) {
        for message in messages {
            do {
                try notifier.send(message.rawValue)
                if message != .watchdog {
                    logger.info("notified the service manager", metadata: ["state": "\(message.logText)"])
                }
            } catch {
                logger.warning("cannot notify the service manager", metadata: [
                    "state": "\(message.logText)", "error": "\(error)",
                ])
            }
        }
    }
}

extension ServiceManagerStatus.Message {
    /// The assignments on one line (`READY=1 STATUS=Consuming intake`), for a log line.
    var logText: String { rawValue.split(separator: "\n").joined(separator: " ") }
}
