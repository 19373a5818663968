import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import Foundation
import Logging
import Postgres

/// The knobs a benchmark run may turn; defaults are the worker's own defaults.
struct WorkerTuning: CustomStringConvertible {
    /// Intake prefetch.
    var prefetch = 256
    /// Most deliveries per recording transaction.
    var batchSize = 128
    /// How long a batch waits for more deliveries once the first arrived, in milliseconds.
    var lingerMilliseconds = 5.0
    /// Most outbox rows per relay transaction.
    var relayBatchSize = 256

    /// Reads `--prefetch`, `--batch-size`, `--linger-ms` and `--relay-batch`.
    init(_ options: BenchOptions) {
        batchSize = options.int("--batch-size", batchSize)
        prefetch = min(65_535, options.int("--prefetch", max(prefetch, 2 * batchSize)))
        lingerMilliseconds = options.double("--linger-ms", lingerMilliseconds)
        relayBatchSize = options.int("--relay-batch", relayBatchSize)
    }

    /// The option names ``init(_:)`` reads.
    static let optionNames: Set<String> = ["--prefetch", "--batch-size", "--linger-ms", "--relay-batch"]

    var description: String {
        "prefetch \(prefetch), batch size \(min(batchSize, prefetch)), linger \(lingerMilliseconds) ms, relay batch \(relayBatchSize)"
    }
}

/// The worker's intake consumer and outbox relay running in this process, as in `caretaker run`
/// (each with its own database and broker connection), with the given tuning.
final class BenchWorker: Sendable {
    let stop = StopFlag()
    let consumer: IntakeConsumer
    let relay: OutboxRelay
    private let task: Task<Void, Never>

    /// Connects and starts both loops.
    static func start(_ environment: BenchEnvironment, tuning: WorkerTuning) async throws -> BenchWorker {
        let rules = BenchEnvironment.repositoryRoot.appendingPathComponent(TriageRulesFile.defaultPath).path
        let model = BenchEnvironment.repositoryRoot.appendingPathComponent("config/" + TriageConfiguration.defaultModelFile).path
        let classifier = try TriageRulesFile(path: rules).loadClassifier(modelPath: model)
        let amqp = try AMQPConfiguration(url: environment.amqpURL, heartbeat: .seconds(10))
        var logger = Logger(label: "caretaker-bench.worker")
        logger.logLevel = .warning
        let signal = OutboxSignal()
        let consumer = IntakeConsumer(
            settings: IntakeConsumerSettings(
                amqp: amqp, prefetch: UInt16(tuning.prefetch), batchSize: tuning.batchSize,
                batchLinger: .microseconds(Int(tuning.lingerMilliseconds * 1000))),
            triage: IntakeTriage(classifier: classifier),
            database: try await PostgresConnection.connect(environment.postgresURL),
            now: { WorkerClock.timestamp(Date()) }, signal: signal, logger: logger)
        let relay = OutboxRelay(
            settings: OutboxRelay.Settings(amqp: amqp, batchSize: tuning.relayBatchSize),
            database: try await PostgresConnection.connect(environment.postgresURL), signal: signal, logger: logger)
        return BenchWorker(consumer: consumer, relay: relay)
    }

    private init(consumer: IntakeConsumer, relay: OutboxRelay) {
        self.consumer = consumer
        self.relay = relay
        let stop = self.stop
        task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await consumer.run(stop: stop) }
                group.addTask { await relay.run(stop: stop) }
            }
        }
    }

    /// Waits (up to 20 s) until the consumer consumes.
    func waitUntilConsuming() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !consumer.statistics.isConsuming {
            guard ContinuousClock.now < deadline else { throw BenchFailure("the intake consumer did not start") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops both loops (the relay flushes the outbox first) and waits for them.
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
