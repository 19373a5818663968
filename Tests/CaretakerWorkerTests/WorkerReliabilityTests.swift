import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The worker's promises checked on the real `caretaker` binary against the real servers: a
/// SIGKILL loses and duplicates nothing, outages of PostgreSQL and RabbitMQ are ridden out by
/// the same process, and SIGTERM under load exits 0 in time with nothing half-done.
///
/// Each test has a scratch database and a scratch virtual host of its own and publishes 10,000
/// sample reports. Workers are started and signalled by pid; none outlives its test.
///
/// Run them with `swift test --filter CaretakerWorkerTests` (about 1.5 minutes). The outage test
/// stops and restarts the local servers; to spare other work on a shared machine, point the
/// tests at a private pair instead, e.g. with `CARETAKER_LOCAL_DIR=/tmp/x CARETAKER_PG_PORT=55442
/// CARETAKER_MQ_PORT=56730 CARETAKER_MQ_DIST_PORT=56731 CARETAKER_MQ_TLS_PORT=56732
/// CARETAKER_MQ_NODE=x@localhost` for `scripts/services start …` and the test run, plus
/// `CARETAKER_TEST_POSTGRES_URL` / `CARETAKER_TEST_AMQP_URL` naming those ports.
@Suite(.serialized) struct WorkerReliabilityTests {
    static let reports = 10_000
    static let customerService = Topology.eventQueue(for: .customerService)
    /// Outbox rows the relay claims and publishes per round (the workers run with this).
    static let outboxBatch = 256

    @Test(.requiring(.postgres, .rabbitmq)) func sigkillInFlightThenRestartMakesEveryCaseOnceAndAnnouncesEach() async throws {
        try await withScenario("sigkill") { scenario, workers in
            let first = try await workers.start(scenario, "first")
            let publishing = Task { try await scenario.publish(Self.reports, prefix: "kill") }
            try await eventually("2,000 cases before the kill", timeout: .seconds(90)) {
                (try? await scenario.cases()) ?? 0 >= 2_000
            }
            first.kill(.kill)
            #expect(try await first.waitForExit(timeout: .seconds(10)) == .signalled(SIGKILL))
            let atKill = try await scenario.figures()
            let published = try await publishing.value
            try #require(atKill.cases < Self.reports, "the kill came after all work was done: \(atKill)")

            let second = try await workers.start(scenario, "second")
            try await eventually("10,000 cases, outbox drained", timeout: .seconds(120)) {
                guard let figures = try? await scenario.figures() else { return false }
                return figures.cases >= Self.reports && figures.unsentOutbox == 0
            }
            second.kill(.term)
            #expect(try await second.waitForExit(timeout: .seconds(25)) == .exited(0))

            let figures = try await scenario.figures()
            #expect(figures.cases == Self.reports, "\(figures)")
            #expect(figures.distinctCorrelations == Self.reports, "\(figures)")
            #expect(figures.inbox == Self.reports, "\(figures)")
            #expect(figures.unsentOutbox == 0, "\(figures)")
            #expect(figures.rejected == 0, "\(figures)")
            #expect(try await scenario.caseCorrelationIDs() == Set(published))
            #expect(try await scenario.depth(of: Topology.intakeQueue) == 0)
            #expect(try await scenario.depth(of: Topology.deadLetterQueue) == 0)

            let depth = try await scenario.depth(of: Self.customerService)
            let drained = try await scenario.drain(Self.customerService, depth: depth)
            #expect(drained.messages == depth)
            #expect(drained.correlationIDs == Set(published), "customer service gets every case")
            #expect(drained.messageIDs.count == Self.reports, "one case.created per case")
            // Publishing is at least once: rows of the relay batch in flight at the kill were
            // published (maybe confirmed) but not yet marked sent, so they go out again under
            // the same message_id. Only that one batch can repeat.
            #expect(depth >= Self.reports && depth - Self.reports <= Self.outboxBatch,
                    "customer service queue holds \(depth) messages")
            print("sigkill: killed at \(atKill); final \(figures); customer_service depth \(depth)")
        }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func sigtermUnderLoadExitsZeroInTimeWithNothingHalfDone() async throws {
        let grace = 10
        try await withScenario("sigterm") { scenario, workers in
            let worker = try await workers.start(scenario, "first", ["CARETAKER_SHUTDOWN_GRACE_SECONDS": "\(grace)"])
            let publishing = Task { try await scenario.publish(Self.reports, prefix: "term") }
            try await eventually("2,000 cases before SIGTERM", timeout: .seconds(90)) {
                (try? await scenario.cases()) ?? 0 >= 2_000
            }
            let signalled = ContinuousClock.now
            worker.kill(.term)
            let termination = try await worker.waitForExit(timeout: .seconds(grace + 10))
            let elapsed = ContinuousClock.now - signalled
            #expect(termination == .exited(0), "\(worker.logTail())")
            #expect(elapsed < .seconds(grace), "took \(elapsed)")
            #expect(worker.logLines(message: "worker stopped").count == 1, "\(worker.logTail())")
            let published = try await publishing.value

            // Prefetched deliveries the worker never recorded go back to the queue when its
            // connection closes; once they are ready again, queue + cases covers every report.
            var remaining = 0
            try await eventually("queue depth + cases = published", timeout: .seconds(20)) {
                remaining = try await scenario.depth(of: Topology.intakeQueue)
                return try await scenario.cases() + remaining == Self.reports
            }
            let afterExit = try await scenario.figures()
            #expect(afterExit.cases + remaining == Self.reports, "nothing processed-but-unacked nor acked-but-unprocessed")
            #expect(afterExit.cases < Self.reports, "SIGTERM came after all work was done: \(afterExit)")
            #expect(afterExit.inbox == afterExit.cases && afterExit.distinctCorrelations == afterExit.cases, "\(afterExit)")
            #expect(afterExit.unsentOutbox == 0, "the outbox is flushed before exit")
            #expect(try await scenario.depth(of: Self.customerService) == afterExit.cases)

            let again = try await workers.start(scenario, "second")
            try await eventually("10,000 cases, outbox drained", timeout: .seconds(120)) {
                guard let figures = try? await scenario.figures() else { return false }
                return figures.cases >= Self.reports && figures.unsentOutbox == 0
            }
            again.kill(.term)
            #expect(try await again.waitForExit(timeout: .seconds(25)) == .exited(0))

            let figures = try await scenario.figures()
            #expect(figures.cases == Self.reports, "\(figures)")
            #expect(figures.distinctCorrelations == Self.reports, "\(figures)")
            #expect(figures.inbox == Self.reports, "\(figures)")
            #expect(figures.rejected == 0, "\(figures)")
            #expect(try await scenario.caseCorrelationIDs() == Set(published))
            #expect(try await scenario.depth(of: Topology.intakeQueue) == 0)
            #expect(try await scenario.depth(of: Self.customerService) == Self.reports)
            print("sigterm: exit after \(elapsed) (grace \(grace) s); at exit \(afterExit), intake depth \(remaining); final \(figures)")
        }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func postgresAndRabbitMQOutagesAreRiddenOutByTheSameProcess() async throws {
        try await withScenario("outage") { scenario, workers in
            // Short heartbeats: a connection left silent through the 10 s database outage is
            // dropped by the broker, which would show up as a RabbitMQ outage in the log.
            let worker = try await workers.start(scenario, "only", ["CARETAKER_AMQP_HEARTBEAT_SECONDS": "2"])
            var published = try await scenario.publish(3_000, prefix: "outage")
            try await eventually("1,000 cases before the outages", timeout: .seconds(60)) {
                (try? await scenario.cases()) ?? 0 >= 1_000
            }
            var timeline: [String] = []
            try await withServersRestored {
                // PostgreSQL down for 10 s while reports keep arriving.
                timeline.append("postgres stopped at \(try await scenario.cases()) cases")
                let stopped = ContinuousClock.now
                try await TestServers.servicesOffPool("stop", "postgres")
                published += try await scenario.publish(3_000, prefix: "outage", from: 3_000)
                try await Task.sleep(until: stopped + .seconds(10), clock: .continuous)
                try await TestServers.servicesOffPool("start", "postgres")
                timeline.append("postgres back after \(ContinuousClock.now - stopped)")

                // RabbitMQ restarted with work in flight.
                published += try await scenario.publish(4_000, prefix: "outage", from: 6_000)
                try await eventually("7,000 cases before the broker restart", timeout: .seconds(90)) {
                    (try? await scenario.cases()) ?? 0 >= 7_000
                }
                timeline.append("rabbitmq restarted at \(try await scenario.cases()) cases")
                let announced = try await scenario.depth(of: Self.customerService)
                let restarted = ContinuousClock.now
                try await TestServers.servicesOffPool("restart", "rabbitmq")
                timeline.append("rabbitmq back after \(ContinuousClock.now - restarted)")
                // A restart wipes nothing durable: the virtual host, the exchanges and the quorum
                // queues with their persistent messages are all still there.
                #expect(try await scenario.depth(of: Self.customerService) >= announced)
            }
            try await eventually("10,000 cases, outbox drained", timeout: .seconds(120)) {
                guard let figures = try? await scenario.figures() else { return false }
                return figures.cases >= Self.reports && figures.unsentOutbox == 0
            }
            #expect(worker.isRunning, "the same worker process resumed by itself")

            let figures = try await scenario.figures()
            #expect(figures.cases == Self.reports, "\(figures)")
            #expect(figures.distinctCorrelations == Self.reports, "\(figures)")
            #expect(figures.inbox == Self.reports, "\(figures)")
            #expect(figures.unsentOutbox == 0, "\(figures)")
            #expect(figures.rejected == 0, "no dead letters: \(figures)")
            #expect(try await scenario.caseCorrelationIDs() == Set(published))
            #expect(try await scenario.depth(of: Topology.deadLetterQueue) == 0)

            // Each outage is logged once when it starts and once when it ends, per component.
            let down = Self.tally(worker.logLines(message: "dependency unavailable, retrying"))
            let up = Self.tally(worker.logLines(message: "dependency available again"))
            #expect(down == up, "every outage logged as over: down \(down), up \(up)")
            let outageLines = worker.logLines().filter {
                $0["message"] == "dependency unavailable, retrying" || $0["message"] == "dependency available again"
            }
            #expect(down.values.allSatisfy { $0 == 1 }, "one line per state change: \(down)\n\(outageLines)")
            for key in ["postgres/intake", "postgres/relay", "rabbitmq/intake", "rabbitmq/relay"] {
                #expect(down[key] == 1, "\(key) outage logged: \(down)")
            }

            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))
            #expect(try await scenario.depth(of: Topology.intakeQueue) == 0)
            let depth = try await scenario.depth(of: Self.customerService)
            let drained = try await scenario.drain(Self.customerService, depth: depth)
            #expect(drained.correlationIDs == Set(published), "customer service gets every case")
            #expect(drained.messageIDs.count == Self.reports, "one case.created per case")
            // At least once: a batch confirmed when PostgreSQL went away before its commit, and one
            // published when the broker went away before its confirms, go out again.
            #expect(drained.messages == depth)
            #expect(depth >= Self.reports && depth - Self.reports <= 2 * Self.outboxBatch,
                    "customer service queue holds \(depth) messages")
            print("outage: \(timeline.joined(separator: "; ")); final \(figures); down \(down); up \(up); customer_service depth \(depth)")
        }
    }

    /// Counts log lines by `dependency/component`.
    static func tally(_ lines: [[String: String]]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in lines {
            counts["\(line["dependency"] ?? "?")/\(line["component"] ?? "?")", default: 0] += 1
        }
        return counts
    }
}

/// The workers a test started; ``stopAll()`` kills any still running.
final class Workers: Sendable {
    private let started = Mutex<[WorkerProcess]>([])

    /// Starts a worker on `scenario` and remembers it.
    func start(_ scenario: WorkerScenario, _ instance: String, _ extra: [String: String] = [:]) async throws -> WorkerProcess {
        try await start(environment: scenario.environment(instance: instance, extra), name: "\(scenario.purpose)-\(instance)")
    }

    /// Starts a worker with `environment` and remembers it; returns once it consumes intake.
    func start(environment: [String: String], name: String) async throws -> WorkerProcess {
        let worker = try WorkerProcess(environment: environment, name: name)
        started.withLock { $0.append(worker) }
        try await worker.waitForLog("consuming intake", timeout: .seconds(30))
        return worker
    }

    /// Kills (SIGKILL) and reaps every worker still running.
    func stopAll() async {
        for worker in started.withLock({ $0 }) { await worker.stop() }
    }
}

/// Runs `body` with a fresh scenario; afterwards, even when `body` fails, stops every worker it
/// started and removes the scratch database and virtual host.
func withScenario(_ purpose: String, _ body: (WorkerScenario, Workers) async throws -> Void) async throws {
    let scenario = try await WorkerScenario.make(purpose)
    let workers = Workers()
    do {
        try await body(scenario, workers)
    } catch {
        await workers.stopAll()
        await scenario.remove()
        throw error
    }
    await workers.stopAll()
    await scenario.remove()
}

/// Runs `body`, which stops or restarts servers, then makes sure both servers run again, even
/// when `body` failed half-way.
func withServersRestored(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        try? await restoreServers()
        throw error
    }
    try await restoreServers()
}

/// Starts whichever local server does not answer (`start` is a no-op for one that does).
func restoreServers() async throws {
    for server in [TestServers.Server.postgres, .rabbitmq] where !TestServers.isAnswering(server) {
        try await TestServers.servicesOffPool("start", server.rawValue)
    }
}
