import AMQP
import CaretakerMessaging
import Foundation
import Postgres

/// `caretaker-bench pipeline`: end-to-end throughput (intake → case committed → events confirmed
/// → ack) of the in-process worker over N preloaded messages, against the raw broker baseline.
enum PipelineBenchmark {
    static func run(count: Int, tuning: WorkerTuning, baseline: Bool, referenceCount: Int) async {
        let environment: BenchEnvironment
        do {
            environment = try await BenchEnvironment.create()
        } catch {
            print("caretaker-bench: \(error)")
            exit(69)
        }
        var status: Int32 = 0
        do {
            try await measure(count: count, tuning: tuning, baseline: baseline, referenceCount: referenceCount, in: environment)
        } catch {
            print("caretaker-bench: \(error)")
            status = 1
        }
        await environment.tearDown()
        exit(status)
    }

    static func measure(count: Int, tuning: WorkerTuning, baseline: Bool, referenceCount: Int,
                        in environment: BenchEnvironment) async throws {
        let cpu = ProcessCPU.locate()
        print("CPU accounting: this process (the worker), \(cpu.describesServers)")
        print("pipeline: \(count) messages; \(tuning); durable quorum queues, persistent messages, synchronous_commit \(try await synchronousCommit(environment))")
        let hotline = try await BenchBroker.connect(environment.amqpURL, confirms: true)
        try await BenchBroker.declare(on: hotline)

        var baselineRate: Double?
        if baseline {
            let published = try await timed {
                try await BenchBroker.publish(count: count, prefix: "base", toQueue: BenchBroker.baselineQueue, on: hotline)
            }
            let consumer = try await BenchBroker.connect(environment.amqpURL, confirms: false)
            let before = cpu.sample()
            let drained = try await timed {
                try await BenchBroker.drain(BenchBroker.baselineQueue, count: count, prefetch: tuning.effectivePrefetch,
                                            ackEvery: min(tuning.batchSize, tuning.effectivePrefetch), on: consumer)
            }
            await consumer.close()
            _ = try await hotline.deleteQueue(BenchBroker.baselineQueue)
            baselineRate = Double(count) / drained.seconds
            print(line("baseline publish (confirmed)", Double(count) / published.seconds, published))
            print(line("baseline consume+ack", baselineRate!, drained))
            print(ProcessCPU.line("  CPU, baseline", cpu.sample().since(before), reports: count))
        }

        var references: [(mode: ReferenceWorker.Mode, rate: Double, cpu: ProcessCPU.Sample, count: Int)] = []
        if referenceCount > 0 {
            for mode in [ReferenceWorker.Mode.simple, .batched(128)] {
                let n: Int
                if case .simple = mode { n = referenceCount } else { n = count }
                try await ReferenceWorker.prepare(count: n, in: environment, hotline: hotline)
                let before = cpu.sample()
                let took = try await timed { try await ReferenceWorker.run(count: n, mode: mode, in: environment) }
                let used = cpu.sample().since(before)
                references.append((mode, Double(n) / took.seconds, used, n))
                print(line(mode.label, Double(n) / took.seconds, took) + "  \(n) reports")
                print(ProcessCPU.line("  CPU, " + mode.label, used, reports: n))
            }
        }

        let preloaded = try await timed {
            try await BenchBroker.publish(count: count, prefix: "pipe", toQueue: nil, on: hotline)
        }
        await hotline.close()
        print(line("preload intake (confirmed)", Double(count) / preloaded.seconds, preloaded))

        MemoryStatus.resetPeak()
        let cpuBefore = cpu.sample()
        let started = ContinuousClock.now
        let worker = try await BenchWorker.start(environment, tuning: tuning)
        // Loading the rules and model peaks once at start; the figure that counts is under load.
        let startupPeakKB = MemoryStatus.read().peakKB
        MemoryStatus.resetPeak()
        var peakSampledKB = 0
        var intakeDone: Duration?
        var expectedEvents: Int?
        let deadline = started + .seconds(max(120, count / 200))
        var polls = 0
        while true {
            polls += 1
            if polls % 20 == 1 { peakSampledKB = max(peakSampledKB, MemoryStatus.read().currentKB) }
            if intakeDone == nil, worker.consumer.statistics.snapshot.acked >= count {
                intakeDone = ContinuousClock.now - started
                let database = try await PostgresConnection.connect(environment.postgresURL)
                expectedEvents = try await database.query("SELECT count(*)::int8 AS n FROM outbox").single().decode("n", as: Int.self)
                await database.close()
            }
            let relayed = worker.relay.statistics.snapshot
            if let expectedEvents, relayed.confirmed + relayed.returned >= expectedEvents { break }
            guard ContinuousClock.now < deadline else { throw BenchFailure("pipeline did not finish in time") }
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - started
        let pipelineCPU = cpu.sample().since(cpuBefore)
        let memory = MemoryStatus.read()
        await worker.shutDown()

        let rate = Double(count) / elapsed.seconds
        print(line("intake: cases committed+acked", Double(count) / intakeDone!.seconds, intakeDone!))
        print(line("end to end (events confirmed)", rate, elapsed))
        if let baselineRate {
            print(String(format: "ratio to baseline: %.1f %% (target ≥ 25 %%)", rate / baselineRate * 100))
        }
        for reference in references {
            print(String(format: "ratio to the %@: %.2f×", reference.mode.label, rate / reference.rate))
        }
        print("target ≥ 10,000 msg/s: \(rate >= 10_000 ? "met" : "not met")")
        print(ProcessCPU.line("CPU, pipeline", pipelineCPU, reports: count))
        let perReport = { (used: ProcessCPU.Sample, n: Int) in used.total / Double(max(1, n)) }
        for reference in references {
            print(String(format: "CPU per report, pipeline ÷ %@: %.2f", reference.mode.label,
                         perReport(pipelineCPU, count) / perReport(reference.cpu, reference.count)))
        }
        print("events relayed: \(expectedEvents!) (\(String(format: "%.2f", Double(expectedEvents!) / Double(count))) per case)")
        print("worker RSS (whole bench process: the assembled worker with its 5 PostgreSQL and 4 AMQP connections, and the poller): "
              + "peak under load \(MemoryStatus.megabytes(max(memory.peakKB, peakSampledKB))), now \(MemoryStatus.megabytes(memory.currentKB)) "
              + "(target ≤ 64 MB); peak while loading the rules and model at start \(MemoryStatus.megabytes(startupPeakKB))")
        print("where the time goes:")
        print(worker.breakdown())
        try await verify(count: count, events: expectedEvents!, in: environment)
    }

    /// Checks that every message became one case, every event was sent and the intake queue is empty.
    static func verify(count: Int, events: Int, in environment: BenchEnvironment) async throws {
        let database = try await PostgresConnection.connect(environment.postgresURL)
        let cases = try await database.query("SELECT count(*)::int8 AS n FROM cases").single().decode("n", as: Int.self)
        let unsent = try await database.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL").single()
            .decode("n", as: Int.self)
        await database.close()
        let broker = try await BenchBroker.connect(environment.amqpURL, confirms: false)
        let intake = try await broker.inspectQueue(Topology.intakeQueue)
        let service = try await broker.inspectQueue(Topology.eventQueue(for: .customerService))
        await broker.close()
        print("check: \(cases) cases, \(unsent) unsent events, \(intake.messageCount) left in intake, "
              + "\(service.messageCount) events in caretaker.events.customer_service")
        guard cases == count, unsent == 0, intake.messageCount == 0, service.messageCount == count else {
            throw BenchFailure("the run did not produce exactly one case and one customer-service event per message")
        }
    }

    static func synchronousCommit(_ environment: BenchEnvironment) async throws -> String {
        let database = try await PostgresConnection.connect(environment.postgresURL)
        let value = try await database.query("SELECT current_setting('synchronous_commit') AS s").single()
            .decode("s", as: String.self)
        await database.close()
        return value
    }

    static func timed(_ body: () async throws -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        try await body()
        return ContinuousClock.now - start
    }

    static func line(_ name: String, _ rate: Double, _ elapsed: Duration) -> String {
        name.padding(toLength: 32, withPad: " ", startingAt: 0)
            + String(format: "%9.0f msg/s  (%.2f s)", rate, elapsed.seconds)
    }
}
