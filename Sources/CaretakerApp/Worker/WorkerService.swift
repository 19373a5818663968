import CaretakerMessaging
import Logging
import ServiceLifecycle

/// The worker as one service: the intake consumer, the command consumer, the SLA timer
/// scheduler and the outbox relay.
///
/// On graceful shutdown (SIGTERM) the consumers stop taking work, finish the batch in flight
/// (commit, then ack) and close their connections, which hands unprocessed prefetched messages
/// back to the broker; only then is the relay told to stop, and it first publishes everything
/// still in the outbox. The service group's grace period bounds the whole sequence.
///
/// Run by systemd (`Type=notify`), it sends `READY=1` once the intake consumer is consuming,
/// `WATCHDOG=1` while the intake consumer and the timer scheduler make progress, and
/// `STOPPING=1` when graceful shutdown begins (see ``ServiceManagerNotifications``).
public struct WorkerService: Service {
    /// The intake consumer.
    public let intake: IntakeConsumer
    /// The command consumer.
    public let commands: CommandConsumer
    /// The outbox relay.
    public let relay: OutboxRelay
    /// The SLA timer scheduler.
    public let timers: TimerScheduler
    /// Where readiness, watchdog pings and shutdown are announced; `nil` outside systemd.
    public let systemd: SystemdNotifier?
    let logger: Logger

    /// Creates the service from its parts (see ``WorkerAssembly``).
    public init(intake: IntakeConsumer, commands: CommandConsumer, relay: OutboxRelay, timers: TimerScheduler,
                systemd: SystemdNotifier? = nil, logger: Logger) {
        self.intake = intake
        self.commands = commands
        self.relay = relay
        self.timers = timers
        self.systemd = systemd
        self.logger = logger
    }

    /// Runs until graceful shutdown, then drains as described above.
    public func run() async throws {
        let consumersStop = StopFlag()
        let logger = self.logger
        let notifications = systemd.map { notifier in
            ServiceManagerNotifications(
                notifier: notifier, clock: ContinuousClock(), isConsuming: { [intake] in intake.statistics.isConsuming },
                ticks: { [intake, timers] in [intake.statistics.loopTicks, timers.loopTicks] },
                logger: logger.with(component: "systemd"))
        }
        await withGracefulShutdownHandler {
            await run(until: consumersStop, notifications: notifications)
        } onGracefulShutdown: {
            logger.info("shutdown requested; finishing work in flight")
            notifications?.stopping()
            consumersStop.raise()
        }
    }

    /// Runs until `stop` is raised, then drains as on graceful shutdown: the consumers stop, the
    /// relay flushes the outbox, and this returns (the benchmark and the test harnesses use it).
    public func run(until stop: StopFlag) async {
        await run(until: stop, notifications: nil)
    }

    private func run(until consumersStop: StopFlag, notifications: ServiceManagerNotifications<ContinuousClock>?) async {
        let relayStop = StopFlag()
        let intake = self.intake
        let commands = self.commands
        let relay = self.relay
        let timers = self.timers
        async let relaying: Void = relay.run(stop: relayStop)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await intake.run(stop: consumersStop) }
            group.addTask { await commands.run(stop: consumersStop) }
            group.addTask { await timers.run(stop: consumersStop) }
            if let notifications {
                group.addTask { await notifications.run(stop: consumersStop) }
            }
        }
        logger.info("consumers stopped; flushing the outbox")
        relayStop.raise()
        await relaying
        logger.info("worker stopped")
    }
}
