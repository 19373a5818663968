import CaretakerTestSupport
import Postgres
import Foundation
import Testing

/// `caretaker migrate` against a scratch database of its own on the local PostgreSQL.
@Suite struct MigrateCommandTests {
    @Test(.requiring(.postgres)) func appliesPendingMigrationsThenReportsNothingPending() async throws {
        try await ScratchDatabase.with("cli_migrate") { database in
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
    }

    @Test(.requiring(.postgres)) func changedMigrationIsAConflict() async throws {
        try await ScratchDatabase.with("cli_migrate_conflict") { database in
            let environment = ["CARETAKER_POSTGRES_URL": database.url]
            #expect(try await CaretakerBinary.run(["migrate"], environment: environment).status == 0)
            let connection = try await database.connect()
            try await connection.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
            try await connection.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')")
            await connection.close()

            let migrate = try await CaretakerBinary.run(["migrate"], environment: environment)
            #expect(migrate.status == 65)
            #expect(migrate.stderr.contains("migration 1 was changed"), "\(migrate.stderr)")

            let status = try await CaretakerBinary.run(["migrate", "--status"], environment: environment)
            #expect(status.status == 1)
            #expect(status.lines.contains("1 changed initial"), "\(status.stdout)")
            #expect(status.lines.contains("999 unknown ?"), "\(status.stdout)")
        }
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
