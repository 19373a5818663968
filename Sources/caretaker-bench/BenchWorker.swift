import ArgumentParser
import CaretakerApp
import CaretakerMessaging
import Foundation
import Logging

/// The knobs a benchmark run may turn; defaults are the worker's own defaults.
struct WorkerTuning: ParsableArguments, CustomStringConvertible {
    /// Intake prefetch (default: 256, or twice the batch size when that is more).
    @Option(help: "Intake prefetch (default 256, at least twice the batch size).")
    var prefetch: Int?

    /// Most deliveries per recording transaction.
    @Option(name: .customLong("batch-size"), help: "Most deliveries per recording transaction.")
    var batchSize = 128

    /// How long a batch waits for more deliveries once the first arrived, in milliseconds.
    @Option(name: .customLong("linger-ms"), help: "How long a batch waits for more deliveries, in ms.")
    var lingerMilliseconds = 5.0

    /// Most outbox rows per relay transaction.
    @Option(name: .customLong("relay-batch"), help: "Most outbox rows per relay transaction.")
    var relayBatchSize = 256

    /// The prefetch in effect.
    var effectivePrefetch: Int { min(65_535, prefetch ?? max(256, 2 * batchSize)) }

    var description: String {
        "prefetch \(effectivePrefetch), batch size \(min(batchSize, effectivePrefetch)), linger \(lingerMilliseconds) ms, relay batch \(relayBatchSize)"
    }
}

/// The worker running in this process exactly as `caretaker run` builds it (``WorkerAssembly``:
/// intake and command consumers with the timekeeper, notice and developer-note observers, relay,
/// timer scheduler, each with its own database and broker connection), with the given tuning and
/// the repository's rules, model, SLA policy and calendars. Authorization is off: the benchmark's
/// publisher is one broker user, not the hotline party.
final class BenchWorker: Sendable {
    let stop = StopFlag()
    let worker: WorkerService
    var consumer: IntakeConsumer { worker.intake }
    var relay: OutboxRelay { worker.relay }
    private let task: Task<Void, Never>

    /// Connects and starts the worker.
    static func start(_ environment: BenchEnvironment, tuning: WorkerTuning) async throws -> BenchWorker {
        let configuration = CaretakerConfiguration(
            amqp: BrokerConfiguration(url: environment.amqpURL, prefetch: tuning.effectivePrefetch),
            postgres: DatabaseConfiguration(url: environment.postgresURL),
            intake: IntakeConfiguration(batchSize: tuning.batchSize,
                                        batchLinger: .microseconds(Int(tuning.lingerMilliseconds * 1000))),
            outbox: OutboxConfiguration(batchSize: tuning.relayBatchSize),
            instance: InstanceConfiguration(name: "bench"),
            authorization: AuthorizationConfiguration(mode: .off)
        ).resolvingDataPaths(in: BenchEnvironment.repositoryRoot.appendingPathComponent("config").path)
        var logger = Logger(label: "caretaker-bench.worker")
        logger.logLevel = .error
        return BenchWorker(worker: try await WorkerAssembly.make(configuration, logger: logger))
    }

    private init(worker: WorkerService) {
        self.worker = worker
        let stop = self.stop
        task = Task { await worker.run(until: stop) }
    }

    /// Waits (up to 20 s) until the consumer consumes.
    func waitUntilConsuming() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !consumer.statistics.isConsuming {
            guard ContinuousClock.now < deadline else { throw BenchFailure("the intake consumer did not start") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops the worker (the relay flushes the outbox last) and waits for it.
    func shutDown() async {
        stop.raise()
        await task.value
    }

    /// Where the worker's time went: per-batch averages of each phase.
    func breakdown() -> String {
        let intake = consumer.statistics.snapshot
        let outbox = relay.statistics.snapshot
        let batches = Double(max(1, intake.batches))
        let relayBatches = Double(max(1, outbox.batches))
        let events = outbox.confirmed + outbox.returned
        func ms(_ seconds: Double, _ count: Double) -> String { String(format: "%.2f ms", seconds / count * 1000) }
        return """
              intake: \(intake.batches) batches of \(String(format: "%.1f", Double(intake.acked) / batches)) on average; \
            per batch: decode+classify \(ms(intake.triageSeconds, batches)), transaction \(ms(intake.recordSeconds, batches)), \
            ack \(ms(intake.ackSeconds, batches)); busy \(String(format: "%.2f", intake.processingSeconds)) s in total
              relay:  \(outbox.batches) batches of \(String(format: "%.1f", Double(events) / relayBatches)) events on average; \
            per batch: publish+confirms \(ms(outbox.publishSeconds, relayBatches)), \
            claim+settle+commit \(ms(outbox.batchSeconds - outbox.publishSeconds, relayBatches)); \
            busy \(String(format: "%.2f", outbox.batchSeconds)) s in total
            """
    }
}
