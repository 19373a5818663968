import Foundation
import Postgres

/// A database of its own for one test, created on the local server and dropped afterwards, so
/// migration tests start from an empty schema and never touch each other's tables. Tests take
/// one through ``with(_:isolation:_:)``, which drops it even when the test fails.
public struct ScratchDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// A URL that connects to it.
    public let url: String

    /// Creates an empty database named after `purpose` plus a random suffix.
    public static func create(_ purpose: String) async throws -> ScratchDatabase {
        let name = "caretaker_test_\(purpose)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try await PostgresConnection.connect(TestServers.postgresURL)
        defer { Task { await admin.close() } }
        try await admin.execute("CREATE DATABASE \(SQLIdentifier(name))")
        let base = TestServers.postgresURL
        let prefix = base[..<(base.lastIndex(of: "/") ?? base.endIndex)]
        return ScratchDatabase(name: name, url: "\(prefix)/\(name)")
    }

    /// Runs `body` with a new database named after `purpose` and drops it afterwards, also when
    /// `body` throws (connections `body` left open are closed by the drop).
    public static func with<T>(_ purpose: String, isolation: isolated (any Actor)? = #isolation,
                               _ body: (ScratchDatabase) async throws -> T) async throws -> T {
        let database = try await create(purpose)
        return try await withCleanup { try await body(database) } cleanup: { try await database.drop() }
    }

    /// Opens a connection to the scratch database.
    public func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(url)
    }

    /// Drops the database, closing whatever sessions are still attached.
    public func drop() async throws {
        let admin = try await PostgresConnection.connect(TestServers.postgresURL)
        try await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier(name)) WITH (FORCE)")
        await admin.close()
    }
}
