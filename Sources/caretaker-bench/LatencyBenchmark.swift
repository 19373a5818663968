import AMQP
import CaretakerCore
import CaretakerMessaging
import Foundation

/// `caretaker-bench latency`: publishes intake messages at a fixed rate into the running
/// in-process worker and measures publish → arrival of the `case.created` event on
/// `caretaker.events.customer_service` (which gets every case) at a separate consumer.
enum LatencyBenchmark {
    static func run(rate: Int, seconds: Double, warmup: Double, tuning: WorkerTuning) async {
        let environment: BenchEnvironment
        do {
            environment = try await BenchEnvironment.create()
        } catch {
            print("caretaker-bench: \(error)")
            exit(69)
        }
        var status: Int32 = 0
        do {
            try await measure(rate: rate, seconds: seconds, warmup: warmup, tuning: tuning, in: environment)
        } catch {
            print("caretaker-bench: \(error)")
            status = 1
        }
        await environment.tearDown()
        exit(status)
    }

    static func measure(rate: Int, seconds: Double, warmup: Double, tuning: WorkerTuning,
                        in environment: BenchEnvironment) async throws {
        let total = Int(Double(rate) * (seconds + warmup))
        let skipped = Int(Double(rate) * warmup)
        print("latency: \(rate) msg/s offered for \(seconds) s after \(warmup) s of warm-up (not counted); \(tuning)")
        let hotline = try await BenchBroker.connect(environment.amqpURL, confirms: true)
        try await BenchBroker.declare(on: hotline)
        let worker = try await BenchWorker.start(environment, tuning: tuning)
        try await worker.waitUntilConsuming()
        let events = try await BenchBroker.connect(environment.amqpURL, confirms: false)
        let log = LatencyLog(count: total)
        MemoryStatus.resetPeak()

        let listener = Task { try await listen(on: events, log: log, total: total) }
        try await publish(total: total, rate: rate, log: log, on: hotline)
        let drained = ContinuousClock.now + .seconds(30)
        while log.arrivedCount < total, ContinuousClock.now < drained {
            try await Task.sleep(for: .milliseconds(10))
        }
        listener.cancel()
        _ = try? await listener.value
        let memory = MemoryStatus.read()
        await worker.shutDown()
        await hotline.close()
        await events.close()

        let (latencies, missing) = log.latencies(from: skipped)
        let percentiles = Percentiles(latencies)
        print("intake publish → case.created on caretaker.events.customer_service, \(percentiles.count) messages"
              + (missing > 0 ? ", \(missing) never arrived" : "") + ":")
        print("  \(percentiles.summary)")
        print("target p99 ≤ 50 ms: \(percentiles.value(at: 0.99) <= 50 && missing == 0 ? "met" : "not met")")
        print("worker RSS (whole bench process: worker, hotline publisher, event consumer, latency log): "
              + "peak \(MemoryStatus.megabytes(memory.peakKB)), now \(MemoryStatus.megabytes(memory.currentKB)) (target ≤ 64 MB)")
        print("where the time goes:")
        print(worker.breakdown())
    }

    /// Publishes `total` probes paced at `rate`, reading confirms while it waits for the next slot.
    static func publish(total: Int, rate: Int, log: LatencyLog, on connection: isolated AMQPConnection) throws {
        let prefix = "lat-\(UInt32.random(in: 0...UInt32.max))"
        let start = ContinuousClock.now
        let interval = Duration.seconds(1) / rate
        for index in 0..<total {
            let due = start + interval * index
            while ContinuousClock.now < due {
                let event = try connection.nextEvent(timeout: due - ContinuousClock.now)
                try BenchBroker.check([event])
            }
            let message = BenchBroker.intake(index, prefix: prefix)
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: message.messageID, appID: "caretaker-bench")
            log.notePublished(index, at: ContinuousClock.now)
            try connection.publish(message.body, exchange: ExchangeName.intake, routingKey: message.routingKey,
                                   mandatory: true, properties: properties)
        }
        try BenchBroker.check(connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(30)))
    }

    /// Consumes `caretaker.events.customer_service` and notes each probe's arrival (by the
    /// event's correlation id, the intake message id) until all arrived or the task is cancelled.
    static func listen(on connection: isolated AMQPConnection, log: LatencyLog, total: Int) throws {
        try connection.setPrefetch(count: 2_000)
        try connection.consume(queue: Topology.eventQueue(for: .customerService))
        var unacked = 0
        var lastTag: UInt64 = 0
        while log.arrivedCount < total, !Task.isCancelled {
            let event = try connection.nextEvent(timeout: .milliseconds(100))
            if case .delivery(let delivery) = event {
                let now = ContinuousClock.now
                if let id = delivery.properties.correlationID, let dash = id.lastIndex(of: "-"),
                   let index = Int(id[id.index(after: dash)...]) {
                    log.noteArrived(index, at: now)
                }
                lastTag = delivery.deliveryTag
                unacked += 1
            }
            if unacked >= 500 || (unacked > 0 && isTimeout(event)) {
                try connection.ack(lastTag, multiple: true)
                unacked = 0
            }
        }
        if unacked > 0 { try connection.ack(lastTag, multiple: true) }
    }

    private static func isTimeout(_ event: AMQPEvent) -> Bool {
        if case .timeout = event { return true }
        return false
    }
}
