import CaretakerTestSupport
import Foundation

/// Three `caretaker run` processes on a cluster scenario, each preferring another broker node,
/// and what their `/readyz` says about where each connection is.
struct ClusterFleet {
    let workers: [WorkerProcess]
    let metricsPorts: [Int]

    /// Starts three workers and waits until every one is ready.
    static func start(_ scenario: ClusterScenario, _ started: Workers, _ extra: [String: String] = [:]) async throws -> ClusterFleet {
        var workers: [WorkerProcess] = []
        var ports: [Int] = []
        for index in 0..<3 {
            let port = try HTTPProbe.freePort()
            ports.append(port)
            workers.append(try await started.start(
                environment: scenario.environment(index: index, metricsPort: port).merging(extra) { $1 },
                name: "\(scenario.purpose)-\(index)"))
        }
        let fleet = ClusterFleet(workers: workers, metricsPorts: ports)
        try await eventually("three ready workers", timeout: .seconds(30)) { fleet.allReady() }
        return fleet
    }

    /// Worker `index`'s `/readyz`: whether it is ready, and the `host:port` of each connection.
    func readiness(of index: Int) -> (ready: Bool, connections: [String: String])? {
        guard let response = try? HTTPProbe.get(port: metricsPorts[index], "/readyz"),
              let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
            return nil
        }
        return (object["ready"] as? Bool ?? false, object["connections"] as? [String: String] ?? [:])
    }

    /// The broker node (1–3) worker `index`'s intake consumer is on.
    func intakeNode(of index: Int) -> Int? {
        readiness(of: index)?.connections["intake"].flatMap { Int($0.split(separator: ":").last ?? "") }
            .flatMap(LocalCluster.node(onPort:))
    }

    /// Whether every worker is ready with its intake, commands and relay connections on a
    /// broker node other than `avoiding`, and (when given) its database session on `databasePort`.
    func allReady(avoiding node: Int? = nil, databasePort: Int? = nil) -> Bool {
        workers.indices.allSatisfy { index in
            guard let readiness = readiness(of: index), readiness.ready else { return false }
            let brokers = ["intake", "commands", "relay"].compactMap { readiness.connections[$0] }
            guard brokers.count == 3 else { return false }
            if let node, brokers.contains(where: { $0.hasSuffix(":\(LocalCluster.amqpPorts[node - 1])") }) { return false }
            if let databasePort, readiness.connections["postgres"]?.hasSuffix(":\(databasePort)") != true { return false }
            return true
        }
    }
}
