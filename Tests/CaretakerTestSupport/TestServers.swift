import Foundation

/// Where the local test servers started by `scripts/services up` live, and how tests reach them.
///
/// Integration tests carry the `.requiring(.postgres, .rabbitmq)` trait: when a server does not
/// answer they fail under `CI=true` (CI must never pass by skipping) and are skipped elsewhere.
public enum TestServers {
    /// The AMQP URL of the local RabbitMQ (`CARETAKER_TEST_AMQP_URL` overrides it).
    public static var amqpURL: String {
        ProcessInfo.processInfo.environment["CARETAKER_TEST_AMQP_URL"]
            ?? "amqp://guest:guest@127.0.0.1:56720/%2f"
    }

    /// The PostgreSQL URL of the local test database (`CARETAKER_TEST_POSTGRES_URL` overrides it).
    public static var postgresURL: String {
        ProcessInfo.processInfo.environment["CARETAKER_TEST_POSTGRES_URL"]
            ?? "postgresql://caretaker@127.0.0.1:55432/caretaker"
    }

    /// Whether the tests run under CI, where a missing server is a failure rather than a skip.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1"
    }

    /// The repository's root folder, found from this file's location.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A local server the tests need.
    public enum Server: String, Sendable, CaseIterable {
        /// PostgreSQL on 127.0.0.1:55432.
        case postgres
        /// RabbitMQ on 127.0.0.1:56720.
        case rabbitmq
        /// The 3-node RabbitMQ cluster and the PostgreSQL primary and standby of
        /// `scripts/services cluster up` (see ``LocalCluster``).
        case cluster

        /// The loopback port the server listens on: the port of `CARETAKER_TEST_POSTGRES_URL` /
        /// `CARETAKER_TEST_AMQP_URL` when one is set, else 55432 / 56720; the cluster's first node.
        public var port: UInt16 {
            switch self {
            case .postgres: TestServers.port(in: TestServers.postgresURL) ?? 55432
            case .rabbitmq: TestServers.port(in: TestServers.amqpURL) ?? 56720
            case .cluster: LocalCluster.amqpPorts[0]
            }
        }
    }

    /// The explicit port of a `scheme://user@host:port/…` URL, `nil` when it names none.
    static func port(in url: String) -> UInt16? {
        guard let start = url.range(of: "://")?.upperBound else { return nil }
        var authority = url[start...].prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        return UInt16(authority[authority.index(after: colon)...])
    }

    /// An executable SwiftPM built next to the running test bundle, for example `caretaker`, so
    /// a process-level test runs the binary of the same build as the test itself.
    public static func builtExecutable(named name: String) throws -> URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent(name),
            products.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(name),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ExecutableNotBuilt(name: name, folder: products.path)
        }
        return found
    }

    /// Whether something accepts TCP connections on the server's loopback port (every port of
    /// the cluster).
    public static func isAnswering(_ server: Server) -> Bool {
        guard server == .cluster else { return isAnswering(port: server.port) }
        // After a failover test promoted the standby, one database server is enough.
        return LocalCluster.amqpPorts.allSatisfy(isAnswering(port:))
            && (isAnswering(port: LocalCluster.primaryPort) || isAnswering(port: LocalCluster.standbyPort))
    }

    /// Whether something accepts TCP connections on loopback `port`.
    public static func isAnswering(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// Whether an integration test that needs `servers` should run; tests ask through the
    /// ``Testing/Trait/requiring(_:)`` trait.
    ///
    /// Returns `true` when every server answers. Otherwise returns `false` outside CI (so a
    /// developer without servers sees the test reported as skipped) and throws under CI, so the
    /// missing server fails the run instead of being skipped.
    public static func available(_ servers: [Server]) throws -> Bool {
        let missing = servers.filter { !isAnswering($0) }
        guard !missing.isEmpty else { return true }
        if isCI {
            throw MissingServer(servers: missing.map(\.rawValue))
        }
        return false
    }

    /// Runs `scripts/services ARGUMENTS` (for example `restart rabbitmq`) and waits for it.
    public static func services(_ arguments: String...) throws {
        try services(arguments)
    }

    /// Runs `scripts/services ARGUMENTS` and waits for it.
    public static func services(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repositoryRoot.appendingPathComponent("scripts/services").path] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServicesScriptFailed(arguments: arguments, status: process.terminationStatus)
        }
    }
}

/// The executable a test wants to run was not found next to the test bundle.
public struct ExecutableNotBuilt: Error, CustomStringConvertible {
    /// The executable's name.
    public let name: String
    /// Where it was looked for.
    public let folder: String

    /// A description naming the executable and the command that builds it.
    public var description: String {
        "\(name) not found near \(folder); run `swift build --build-tests` first"
    }
}

/// A server an integration test needs does not answer while running under CI.
public struct MissingServer: Error, CustomStringConvertible {
    /// The servers that did not answer.
    public let servers: [String]

    /// A description naming the servers and the command that starts them.
    public var description: String {
        let command = servers.contains("cluster") ? "scripts/services cluster up" : "scripts/services up"
        return "test servers not answering under CI=true: \(servers.joined(separator: ", ")); run \(command)"
    }
}

/// `scripts/services` exited with a non-zero status.
public struct ServicesScriptFailed: Error, CustomStringConvertible {
    /// The arguments the script was called with.
    public let arguments: [String]
    /// The script's exit status.
    public let status: Int32

    /// A description naming the command and its status.
    public var description: String {
        "scripts/services \(arguments.joined(separator: " ")) exited with status \(status)"
    }
}
