import CaretakerStore
import Foundation
import Postgres

/// The benchmark's own database and RabbitMQ virtual host, so it never touches the `caretaker`
/// database or the `/` virtual host.
///
/// By default both are created here (`caretaker_bench_<random>` and `caretaker-bench-<random>`,
/// the latter with `scripts/services add-vhost`) and removed by ``tearDown()``. With
/// `CARETAKER_BENCH_POSTGRES_URL` and `CARETAKER_BENCH_AMQP_URL` set, those (empty) targets are
/// used as given and left in place.
struct BenchEnvironment: Sendable {
    /// Where the database is.
    let postgresURL: String
    /// Where the virtual host is.
    let amqpURL: String
    private let createdDatabase: String?
    private let createdVirtualHost: String?

    /// The repository's root folder (scripts, config), found from this file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Any database on the server, used only to create and drop the benchmark's own.
    static var adminURL: String {
        ProcessInfo.processInfo.environment["CARETAKER_BENCH_ADMIN_POSTGRES_URL"]
            ?? "postgresql://caretaker@127.0.0.1:55432/caretaker"
    }

    /// Creates (or takes from the environment) a database and a virtual host, and migrates the database.
    static func create() async throws -> BenchEnvironment {
        let environment = ProcessInfo.processInfo.environment
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var createdDatabase: String?
        var createdVirtualHost: String?
        let postgresURL: String
        if let given = environment["CARETAKER_BENCH_POSTGRES_URL"] {
            guard !given.hasSuffix("/caretaker") else { throw BenchFailure("refusing to benchmark in the caretaker database") }
            postgresURL = given
        } else {
            let name = "caretaker_bench_\(suffix)"
            let admin = try await PostgresConnection.connect(adminURL)
            try await admin.execute("CREATE DATABASE \(SQLIdentifier(name))")
            await admin.close()
            createdDatabase = name
            postgresURL = adminURL[..<(adminURL.lastIndex(of: "/") ?? adminURL.endIndex)] + "/\(name)"
        }
        let amqpURL: String
        if let given = environment["CARETAKER_BENCH_AMQP_URL"] {
            guard !given.hasSuffix("/%2f"), !given.hasSuffix("/%2F") else {
                throw BenchFailure("refusing to benchmark in the / virtual host")
            }
            amqpURL = given
        } else {
            let name = "caretaker-bench-\(suffix)"
            try services("add-vhost", name)
            createdVirtualHost = name
            amqpURL = "amqp://guest:guest@127.0.0.1:56720/\(name)"
        }
        let bench = BenchEnvironment(postgresURL: postgresURL, amqpURL: amqpURL, createdDatabase: createdDatabase,
                                     createdVirtualHost: createdVirtualHost)
        let connection = try await PostgresConnection.connect(postgresURL)
        _ = try await MigrationRunner().migrate(on: connection)
        await connection.close()
        return bench
    }

    /// Drops what ``create()`` created; reports but survives failures.
    func tearDown() async {
        if let name = createdDatabase {
            do {
                let admin = try await PostgresConnection.connect(Self.adminURL)
                try await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier(name)) WITH (FORCE)")
                await admin.close()
            } catch {
                print("caretaker-bench: could not drop database \(name): \(error)")
            }
        }
        if let name = createdVirtualHost {
            do {
                try Self.services("delete-vhost", name)
            } catch {
                print("caretaker-bench: could not delete virtual host \(name): \(error)")
            }
        }
    }

    /// Runs `scripts/services ARGUMENTS` and waits for it.
    static func services(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repositoryRoot.appendingPathComponent("scripts/services").path] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure("scripts/services \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }
}

/// Something that stops a benchmark run, with a plain explanation.
struct BenchFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
