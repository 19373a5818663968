import Foundation

/// The local cluster `scripts/services cluster up` starts: three RabbitMQ nodes and a
/// PostgreSQL primary with a synchronous standby, on the ports of the script (overridable with
/// the same `CARETAKER_CLUSTER_*` variables), and the script's node commands.
public enum LocalCluster {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The AMQP ports of nodes 1, 2 and 3.
    public static var amqpPorts: [UInt16] {
        let first = environment["CARETAKER_CLUSTER_MQ_PORT"].flatMap(UInt16.init) ?? 56730
        return [first, first + 1, first + 2]
    }

    /// The primary's port.
    public static var primaryPort: UInt16 {
        environment["CARETAKER_CLUSTER_PG_PORT"].flatMap(UInt16.init) ?? 55442
    }

    /// The standby's port.
    public static var standbyPort: UInt16 {
        environment["CARETAKER_CLUSTER_PG_STANDBY_PORT"].flatMap(UInt16.init) ?? 55443
    }

    /// The AMQP URL of node `node` (1–3) in `vhost` (percent-encoded), as guest.
    public static func amqpURL(node: Int, vhost: String) -> String {
        "amqp://guest:guest@127.0.0.1:\(amqpPorts[node - 1])/\(vhost)"
    }

    /// The node (1–3) listening on `port`, if any.
    public static func node(onPort port: Int) -> Int? {
        amqpPorts.firstIndex(of: UInt16(clamping: port)).map { $0 + 1 }
    }

    /// A URL for `database` naming both servers, for a session on whichever accepts writes.
    public static func postgresURL(database: String) -> String {
        "postgresql://caretaker@127.0.0.1:\(primaryPort),127.0.0.1:\(standbyPort)/\(database)?target_session_attrs=read-write"
    }

    /// Runs `scripts/services cluster ARGUMENTS` on a thread of its own (stopping a node takes
    /// seconds) and returns its standard output.
    @discardableResult
    public static func run(_ arguments: String...) async throws -> String {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            Thread {
                do {
                    continuation.resume(returning: try runBlocking(arguments))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    private static func runBlocking(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [TestServers.repositoryRoot.appendingPathComponent("scripts/services").path, "cluster"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServicesScriptFailed(arguments: ["cluster"] + arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
