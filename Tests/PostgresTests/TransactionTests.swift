import CaretakerTestSupport
import Foundation
import Postgres
import Testing

struct Abandoned: Error {}

extension PostgresIntegration {
    @Suite struct TransactionTests {
        static func makeTable(_ connection: PostgresConnection) async throws -> SQLIdentifier {
            let table = PostgresIntegration.uniqueTable("tx")
            try await connection.execute("CREATE TABLE \(table) (k text PRIMARY KEY, n int4 NOT NULL DEFAULT 0)")
            return table
        }

        @Test(.requiring(.postgres)) func commitKeepsAndThrowRollsBack() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = try await Self.makeTable(connection)
            let committed = try await connection.withTransaction { tx in
                try await tx.execute("INSERT INTO \(table) (k) VALUES (\("a")), (\("b"))")
            }
            #expect(committed == 2)
            await #expect(throws: Abandoned.self) {
                try await connection.withTransaction(isolation: .serializable) { tx in
                    try await tx.execute("INSERT INTO \(table) (k) VALUES (\("c"))")
                    try await tx.execute("UPDATE \(table) SET n = 9")
                    throw Abandoned()
                }
            }
            #expect(try await PostgresIntegration.count(table, on: connection) == 2)
            let nines = try await connection.query("SELECT count(*) AS n FROM \(table) WHERE n = 9").single()
            #expect(try nines.decode("n", as: Int.self) == 0)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func failedStatementRollsBackWithRedactedUniqueViolation() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = try await Self.makeTable(connection)
            let secret = "秘密-13800138000"
            let error = await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { tx in
                    try await tx.execute("INSERT INTO \(table) (k) VALUES (\("first"))")
                    try await tx.execute("INSERT INTO \(table) (k) VALUES (\(secret)), (\(secret))")
                }
            }
            #expect(error?.code == .uniqueViolation)
            #expect(error?.code.rawValue == "23505")
            #expect(error?.kind == .server)
            #expect(error?.isTransient == false)
            #expect(error?.constraint == "\(table.name)_pkey")
            #expect(error.map { !$0.description.contains("13800138000") } == true)
            #expect(error.map { !String(describing: $0).contains("秘密") } == true)
            #expect(error?.debugDescription.contains("13800138000") == true)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)

            // A body that swallows the failure still cannot commit the aborted transaction.
            let swallowed = await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { tx in
                    try await tx.execute("INSERT INTO \(table) (k) VALUES (\("kept?"))")
                    _ = try? await tx.execute("INSERT INTO \(table) (k) VALUES (\("kept?"))")
                    return 1
                }
            }
            #expect(swallowed?.code == .inFailedSQLTransaction)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func savepointUndoesOnlyTheNestedPart() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = try await Self.makeTable(connection)
            try await connection.withTransaction { tx in
                try await tx.execute("INSERT INTO \(table) (k) VALUES (\("outer"))")
                let nested = await #expect(throws: PostgresError.self) {
                    try await tx.withSavepoint { inner in
                        try await inner.execute("INSERT INTO \(table) (k) VALUES (\("inner"))")
                        try await inner.execute("INSERT INTO \(table) (k) VALUES (\("outer"))")
                    }
                }
                #expect(nested?.code == .uniqueViolation)
                try await tx.execute("UPDATE \(table) SET n = 1")
            }
            let rows = try await connection.query("SELECT k, n FROM \(table) ORDER BY k")
            #expect(try rows.map { try $0.decode("k", as: String.self) } == ["outer"])
            #expect(try rows.single().decode("n", as: Int.self) == 1)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func otherTasksWaitAndEscapedHandlesAreRefused() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = try await Self.makeTable(connection)
            let (entered, signal) = AsyncStream<Void>.makeStream()
            async let attempt: Void = {
                do {
                    try await connection.withTransaction { tx in
                        try await tx.execute("INSERT INTO \(table) (k) VALUES (\("uncommitted"))")
                        signal.yield()
                        try await Task.sleep(for: .milliseconds(300))
                        throw Abandoned()
                    }
                } catch {}
            }()
            for await _ in entered { break }
            // Runs only after the transaction above rolled back, so it never sees its row.
            let seen = try await PostgresIntegration.count(table, on: connection)
            await attempt
            #expect(seen == 0)

            let escaped = try await connection.withTransaction { tx in tx }
            let misuse = await #expect(throws: PostgresError.self) {
                try await escaped.execute("INSERT INTO \(table) (k) VALUES (\("late"))")
            }
            #expect(misuse?.kind == .usage)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)
            try await connection.execute("DROP TABLE \(table)")
        }
    }
}
