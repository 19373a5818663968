import CaretakerStore
import Foundation
import Postgres

/// The timer benchmark's own scratch database, `caretaker_bench_timers_<random>`: created and
/// migrated here, dropped by ``drop()``. Only PostgreSQL is needed, so it does not use
/// `BenchEnvironment` (which also creates a RabbitMQ virtual host).
struct TimerBenchDatabase: Sendable {
    /// The database's name.
    let name: String
    /// Where it is.
    let url: String

    /// Creates and migrates a fresh database.
    static func create() async throws -> TimerBenchDatabase {
        let name = "caretaker_bench_timers_\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        let adminURL = BenchEnvironment.adminURL
        let admin = try await PostgresConnection.connect(adminURL)
        try await admin.execute("CREATE DATABASE \(SQLIdentifier(name))")
        await admin.close()
        let database = TimerBenchDatabase(
            name: name, url: adminURL[..<(adminURL.lastIndex(of: "/") ?? adminURL.endIndex)] + "/\(name)")
        do {
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            await connection.close()
        } catch {
            await database.drop()
            throw error
        }
        return database
    }

    /// A new session on the database.
    func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(url)
    }

    /// Drops the database (ending its sessions); reports but survives failures.
    func drop() async {
        do {
            let admin = try await PostgresConnection.connect(BenchEnvironment.adminURL)
            try await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier(name)) WITH (FORCE)")
            await admin.close()
        } catch {
            print("caretaker-bench: could not drop database \(name): \(error)")
        }
    }
}
