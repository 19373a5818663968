import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// The README's promise of N workers against a RabbitMQ cluster and a PostgreSQL primary,
/// checked on the real cluster of `scripts/services cluster up`: three `caretaker run`
/// processes, 5,000 reports in flight, then a broker node stopped, killed or frozen, or the
/// database primary killed and its synchronous standby promoted. Every report becomes exactly
/// one case, every case is announced, nothing is dead-lettered, and the workers carry on by
/// themselves. Each test prints how long recovery took.
///
/// Run with `scripts/test ClusterFailoverTests` (it starts and removes the cluster) or, with the
/// cluster up, `swift test --filter ClusterFailoverTests` (about 4 minutes).
@Suite(.serialized) struct ClusterFailoverTests {
    static let reports = 5_000
    static let customerService = Topology.eventQueue(for: .customerService)

    /// How a broker node fails, and which node.
    enum BrokerFailure: String, CaseIterable, CustomTestStringConvertible {
        /// `rabbitmqctl stop` of the node leading the intake queue.
        case leaderStopped
        /// SIGKILL of the beam process of the node the first worker's intake consumer is on.
        case connectedNodeKilled
        /// SIGSTOP of the intake queue's leader for 20 s, then SIGCONT: a partition.
        case leaderFrozen

        var testDescription: String { rawValue }
    }

    @Test(.requiring(.cluster), arguments: BrokerFailure.allCases)
    func aBrokerNodeFailsWithReportsInFlight(_ failure: BrokerFailure) async throws {
        try await withClusterScenario(failure.rawValue) { scenario, workers in
            let fleet = try await ClusterFleet.start(scenario, workers)
            let target = switch failure {
            case .leaderStopped, .leaderFrozen: try await scenario.leader(of: Topology.intakeQueue)
            case .connectedNodeKilled: try #require(fleet.intakeNode(of: 0))
            }
            let publishing = Task { try await scenario.publish(Self.reports, prefix: failure.rawValue, through: target % 3 + 1) }
            try await eventually("1,000 cases before the failure", timeout: .seconds(90)) {
                await scenario.cases() ?? 0 >= 1_000
            }
            let atFailure = try await scenario.figures()
            let failed = ContinuousClock.now
            switch failure {
            case .leaderStopped: try await LocalCluster.run("stop-node", "\(target)")
            case .connectedNodeKilled: try await LocalCluster.run("kill-node", "\(target)")
            case .leaderFrozen: try await LocalCluster.run("pause-node", "\(target)")
            }
            try #require(atFailure.cases < Self.reports, "the failure came after all work was done: \(atFailure)")
            var timeline = ["node \(target) failed at \(atFailure.cases) cases"]

            try await eventually("processing resumed", timeout: .seconds(60)) {
                await scenario.cases() ?? 0 >= min(Self.reports, atFailure.cases + 200)
            }
            timeline.append("processing resumed after \(ContinuousClock.now - failed)")
            if failure == .leaderFrozen {
                try await Task.sleep(until: failed + .seconds(20), clock: .continuous)
                try await LocalCluster.run("resume-node", "\(target)")
                timeline.append("node \(target) resumed after \(ContinuousClock.now - failed)")
            } else {
                try await eventually("every worker consuming from the other nodes", timeout: .seconds(60)) {
                    fleet.allReady(avoiding: target)
                }
                timeline.append("all workers on the other nodes after \(ContinuousClock.now - failed)")
            }
            let published = try await publishing.value
            try await eventually("5,000 cases, outbox drained", timeout: .seconds(180)) {
                guard let figures = try? await scenario.figures() else { return false }
                return figures.cases >= Self.reports && figures.unsentOutbox == 0
            }
            timeline.append("all \(Self.reports) cases after \(ContinuousClock.now - failed)")

            if failure != .leaderFrozen {
                let restarted = ContinuousClock.now
                try await LocalCluster.run("start-node", "\(target)")
                timeline.append("node \(target) restarted in \(ContinuousClock.now - restarted)")
            }
            let rejoining = ContinuousClock.now
            try await eventually("three running nodes", timeout: .seconds(120)) {
                (try? await LocalCluster.run("rabbitmqctl", "\(target % 3 + 1)", "eval", "length(rabbit_nodes:all_running()).")) == "3"
            }
            timeline.append("node \(target) running in the cluster after \(ContinuousClock.now - rejoining) more")

            try await expectExactlyOnce(scenario, published: published, fleet: fleet)
            let figures = try await scenario.figures()
            print("cluster \(failure.rawValue): \(timeline.joined(separator: "; ")); escalations \(figures.escalations)")
        }
    }

    @Test(.requiring(.cluster)) func thePrimaryIsKilledAndTheStandbyPromoted() async throws {
        try await withClusterScenario("promote") { scenario, workers in
            let fleet = try await ClusterFleet.start(scenario, workers, ["CARETAKER_CLOCK_TIME_SCALE": "60"])
            let publishing = Task { try await scenario.publish(Self.reports, prefix: "promote", through: 1) }
            try await eventually("1,000 cases before the kill", timeout: .seconds(90)) {
                await scenario.cases() ?? 0 >= 1_000
            }
            let beforeKill = try await scenario.figures()
            let killed = ContinuousClock.now
            try await LocalCluster.run("kill-primary")
            try #require(beforeKill.cases < Self.reports, "the kill came after all work was done: \(beforeKill)")
            // The workers meet the loss first; then the operator (here: the test) promotes.
            try await Task.sleep(for: .seconds(2))
            let promoting = ContinuousClock.now
            try await LocalCluster.run("promote")
            var timeline = ["primary killed at \(beforeKill.cases) cases",
                            "standby promoted in \(ContinuousClock.now - promoting)"]
            let afterPromotion = try await scenario.figures()
            #expect(afterPromotion.cases >= beforeKill.cases, "committed cases survive: \(beforeKill) → \(afterPromotion)")
            try await eventually("processing resumed on the new primary", timeout: .seconds(60)) {
                await scenario.cases() ?? 0 >= min(Self.reports, afterPromotion.cases + 200)
            }
            timeline.append("processing resumed \(ContinuousClock.now - promoting) after the promotion")
            let published = try await publishing.value
            try await eventually("5,000 cases, outbox drained", timeout: .seconds(180)) {
                guard let figures = try? await scenario.figures() else { return false }
                return figures.cases >= Self.reports && figures.unsentOutbox == 0
            }
            timeline.append("all \(Self.reports) cases after \(ContinuousClock.now - killed)")
            try await eventually("every worker's database session on the promoted server", timeout: .seconds(60)) {
                fleet.allReady(databasePort: Int(LocalCluster.standbyPort))
            }
            let figures = try await scenario.figures()
            try await expectExactlyOnce(scenario, published: published, fleet: fleet)
            print("cluster promote: \(timeline.joined(separator: "; ")); escalations \(figures.escalations)")
        }
    }

    /// Every published report is exactly one case with one `case.created` for customer service,
    /// nothing is dead-lettered, no timer escalated twice to one level; every worker is still
    /// running and exits 0 on SIGTERM.
    func expectExactlyOnce(_ scenario: ClusterScenario, published: [String], fleet: ClusterFleet) async throws {
        let figures = try await scenario.figures()
        #expect(figures.cases == Self.reports, "\(figures)")
        #expect(figures.distinctCorrelations == Self.reports, "\(figures)")
        #expect(figures.inbox == Self.reports, "\(figures)")
        // Timers keep adding outbox rows (reminders, escalations); the caller saw it drained once.
        #expect(figures.repeatedEscalations == 0, "timers fire once per level: \(figures)")
        #expect(figures.rejected == 0, "\(figures)")
        #expect(try await scenario.caseCorrelationIDs() == Set(published))
        // A node that failed may hand back deliveries whose acks it lost: they come again as
        // duplicates (the inbox absorbs them, the case count above proves it) and drain shortly.
        try await eventually("the intake queue drained of redelivered duplicates", timeout: .seconds(60)) {
            try await scenario.depth(of: Topology.intakeQueue) == 0
        }
        #expect(try await scenario.depth(of: Topology.deadLetterQueue) == 0)
        for worker in fleet.workers { #expect(worker.isRunning, "\(worker.logTail())") }

        let depth = try await scenario.depth(of: Self.customerService)
        let drained = try await scenario.drain(Self.customerService, depth: depth)
        let created = "customer_service.case.created"
        #expect(drained.correlationIDsByRoutingKey[created] == Set(published), "customer service hears of every case")
        let routing = try await scenario.outboxByRoutingKey()
        #expect(drained.messageIDsByRoutingKey[created]?.count == Self.reports, "one case.created per case: \(routing)")
        for worker in fleet.workers { worker.kill(.term) }
        for worker in fleet.workers {
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0), "\(worker.logTail())")
        }
    }
}

/// Runs `body` with a fresh cluster scenario; afterwards, even when `body` fails, stops every
/// worker, resumes and starts every broker node again, and removes the scenario.
func withClusterScenario(_ purpose: String, _ body: (ClusterScenario, Workers) async throws -> Void) async throws {
    let scenario = try await ClusterScenario.make(purpose)
    let workers = Workers()
    func cleanUp() async {
        await workers.stopAll()
        for node in 1...3 {
            _ = try? await LocalCluster.run("resume-node", "\(node)")
            if !TestServers.isAnswering(port: LocalCluster.amqpPorts[node - 1]) {
                _ = try? await LocalCluster.run("start-node", "\(node)")
            }
        }
        await scenario.remove()
    }
    do {
        try await body(scenario, workers)
    } catch {
        await cleanUp()
        throw error
    }
    await cleanUp()
}
