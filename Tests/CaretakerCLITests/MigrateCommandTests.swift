import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker migrate` against a scratch database of its own on the local PostgreSQL.
@Suite struct MigrateCommandTests {
    /// An empty database for one test, made and dropped with `psql` (this target links no
    /// PostgreSQL client of its own).
    struct ScratchDatabase {
        let name = "caretaker_test_cli_\(UInt32.random(in: 0...UInt32.max))"

        var url: String {
            let base = TestServers.postgresURL
            return "\(base[..<(base.lastIndex(of: "/") ?? base.endIndex)])/\(name)"
        }

        static func create() throws -> ScratchDatabase {
            let database = ScratchDatabase()
            try psql("CREATE DATABASE \"\(database.name)\"")
            return database
        }

        func drop() {
            try? Self.psql("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }

        func execute(_ sql: String) throws {
            try Self.psql(sql, url: url)
        }

        static func psql(_ sql: String, url: String = TestServers.postgresURL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "psql failed: \(sql)")
        }
    }

    @Test func appliesPendingMigrationsThenReportsNothingPending() async throws {
        guard try TestServers.available(.postgres) else { return }
        let database = try ScratchDatabase.create()
        defer { database.drop() }
        let environment = ["CARETAKER_POSTGRES_URL": database.url]

        let before = try await CaretakerBinary.run(["migrate", "--status"], environment: environment)
        #expect(before.status == 1, "\(before.stderr)")
        #expect(before.lines.contains("1 pending initial"), "\(before.stdout)")

        let first = try await CaretakerBinary.run(["migrate"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.lines.contains("applied 1 initial"), "\(first.stdout)")

        let second = try await CaretakerBinary.run(["migrate"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains("applied "), "\(second.stdout)")

        let after = try await CaretakerBinary.run(["migrate", "--status"], environment: environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.lines.contains("1 applied initial"))
        #expect(!after.stdout.contains("pending"))
    }

    @Test func changedMigrationIsAConflict() async throws {
        guard try TestServers.available(.postgres) else { return }
        let database = try ScratchDatabase.create()
        defer { database.drop() }
        let environment = ["CARETAKER_POSTGRES_URL": database.url]
        #expect(try await CaretakerBinary.run(["migrate"], environment: environment).status == 0)
        try database.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
        try database.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')")

        let migrate = try await CaretakerBinary.run(["migrate"], environment: environment)
        #expect(migrate.status == 65)
        #expect(migrate.stderr.contains("migration 1 was changed"), "\(migrate.stderr)")

        let status = try await CaretakerBinary.run(["migrate", "--status"], environment: environment)
        #expect(status.status == 1)
        #expect(status.lines.contains("1 changed initial"), "\(status.stdout)")
        #expect(status.lines.contains("999 unknown ?"), "\(status.stdout)")
    }

    @Test func unreachableDatabaseExits69WithoutThePassword() async throws {
        // Port 1 on loopback refuses at once; no server is needed.
        let result = try await CaretakerBinary.run(
            ["migrate"], environment: ["CARETAKER_POSTGRES_URL": "postgresql://caretaker:hunter2@127.0.0.1:1/caretaker"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("cannot connect to PostgreSQL at 127.0.0.1:1/caretaker"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
        #expect(!result.stdout.contains("hunter2"))
    }

    @Test(arguments: [
        ["CARETAKER_INTAKE_BATCH_SIZE": "0"],
        ["CARETAKER_POSTGRES_URL": "mysql://u:hunter2@h/db"],
    ])
    func invalidConfigurationExits78(_ environment: [String: String]) async throws {
        let result = try await CaretakerBinary.run(["migrate"], environment: environment)
        #expect(result.status == 78)
        #expect(result.stderr.contains(environment.keys.first!), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
    }
}
