import CaretakerTestSupport
import Foundation
import Postgres
import Testing

/// All suites that talk to the real server, run one at a time: one of them restarts PostgreSQL.
@Suite(.serialized) struct PostgresIntegration {
    static func configuration() throws -> PostgresConfiguration {
        var configuration = try PostgresConfiguration(TestServers.postgresURL)
        configuration.applicationName = "caretaker-postgres-tests"
        configuration.connectTimeout = .seconds(3)
        return configuration
    }

    static func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration(), threadName: "pg-test")
    }

    /// A table name no other test (or earlier run) uses.
    static func uniqueTable(_ prefix: String) -> SQLIdentifier {
        SQLIdentifier("\(prefix)_\(UInt32.random(in: 0...UInt32.max))")
    }

    static func count(_ table: SQLIdentifier, on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*) AS n FROM \(table)").single().decode("n")
    }
}
