import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

@Suite(.serialized) struct MigrationRunnerTests {
    @Test(.requiring(.postgres)) func migratingTwiceAppliesEachStepOnceAndLeavesTheSchemaCurrent() async throws {
        try await ScratchDatabase.with("twice") { database in
            let connection = try await database.connect()
            let runner = MigrationRunner()

            let before = try await runner.status(on: connection)
            #expect(before.applied.isEmpty)
            #expect(before.pending.map(\.version) == Migration.all.map(\.version))
            #expect(throws: MigrationError(.schemaBehind, version: 1)) { try before.requireCurrent() }

            let first = try await runner.migrate(on: connection)
            #expect(first.map(\.version) == Migration.all.map(\.version))
            let second = try await runner.migrate(on: connection)
            #expect(second.isEmpty)
            let after = try await runner.status(on: connection)
            #expect(after.isCurrent)
            try after.requireCurrent()

            let tables = try await connection.query("""
                SELECT count(*)::int8 AS n FROM information_schema.tables
                WHERE table_schema = 'public'
                  AND table_name IN ('cases', 'case_history', 'inbox', 'outbox', 'rejected_messages', 'timers')
                """)
            #expect(try tables.single().decode("n", as: Int.self) == 6)
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func instancesStartingAtOnceApplyEachMigrationExactlyOnce() async throws {
        try await ScratchDatabase.with("race") { database in
            let connections = try await (0..<4).asyncMap { _ in try await database.connect() }
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for connection in connections {
                    group.addTask { try await MigrationRunner().migrate(on: connection).count }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied == Migration.all.count)
            let rows = try await connections[0].query("SELECT count(*)::int8 AS n FROM schema_migrations")
            #expect(try rows.single().decode("n", as: Int.self) == Migration.all.count)
            for connection in connections { await connection.close() }
        }
    }

    @Test(.requiring(.postgres)) func anEditedMigrationIsCaughtNotSkipped() async throws {
        try await ScratchDatabase.with("edited") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            try await connection.execute("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1")

            await #expect(throws: MigrationError(.checksumMismatch, version: 1)) {
                _ = try await MigrationRunner().migrate(on: connection)
            }
            let status = try await MigrationRunner().status(on: connection)
            #expect(status.changed == [1])
            #expect(!status.isCurrent)
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func aDatabaseFromANewerBuildIsRefused() async throws {
        try await ScratchDatabase.with("newer") { database in
            let connection = try await database.connect()
            let next = Migration.all.count + 1
            let newer = Migration(version: next, name: "from_the_future", sql: "CREATE TABLE future_thing (id int)")
            _ = try await MigrationRunner(migrations: Migration.all + [newer]).migrate(on: connection)

            let status = try await MigrationRunner().status(on: connection)
            #expect(status.unknown == [next])
            #expect(throws: MigrationError(.unknownVersion, version: next)) { try status.requireCurrent() }
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func aFailingMigrationRollsBackAndStopsTheRun() async throws {
        try await ScratchDatabase.with("failing") { database in
            let connection = try await database.connect()
            let next = Migration.all.count + 1
            let broken = Migration(version: next, name: "broken", sql: "CREATE TABLE half_done (id int); SELECT * FROM no_such_table")
            let later = Migration(version: next + 1, name: "later", sql: "CREATE TABLE later_thing (id int)")
            await #expect(throws: PostgresError.self) {
                _ = try await MigrationRunner(migrations: Migration.all + [broken, later]).migrate(on: connection)
            }
            let status = try await MigrationRunner(migrations: Migration.all + [broken, later]).status(on: connection)
            #expect(status.applied == Set(Migration.all.map(\.version)))
            let halfDone = try await connection.query("SELECT to_regclass('half_done') IS NULL AS gone")
            #expect(try halfDone.single().decode("gone", as: Bool.self))
            await connection.close()
        }
    }

    @Test(.requiring(.postgres)) func theCaseHistoryIsAppendOnly() async throws {
        try await ScratchDatabase.with("history") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            try await connection.execute("""
                INSERT INTO cases (case_id, case_number, kind, state, department, category, severity,
                                   rules_version, correlation_id, channel, report_text, received_at)
                VALUES ('00000000-0000-0000-0000-000000000001', 'TS-20261102-000001', 'complaint', 'received',
                        'security', 'guard_conduct', 'important', 'test', 'm-1', 'hotline', '保安态度差', now())
                """)
            try await connection.execute("""
                INSERT INTO case_history (case_id, step, to_state, occurred_at)
                VALUES ('00000000-0000-0000-0000-000000000001', 'created', 'received', now())
                """)
            await #expect(throws: PostgresError.self) {
                _ = try await connection.execute("UPDATE case_history SET step = 'forged'")
            }
            await #expect(throws: PostgresError.self) {
                _ = try await connection.execute("DELETE FROM case_history")
            }
            await connection.close()
        }
    }
}

extension Sequence {
    /// Maps each element with an async function, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
