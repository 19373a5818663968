import CaretakerTestSupport
import Foundation
import Postgres
import Testing

extension PostgresIntegration {
    @Suite struct PipelineTests {
        @Test(.requiring(.postgres)) func batchRunsInOrderAndReusesPreparedStatements() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = PostgresIntegration.uniqueTable("pipeline")
            try await connection.execute("CREATE TABLE \(table) (k int8 PRIMARY KEY, label text)")
            for round in 0..<2 {
                let base = round * 1000
                var batch: [SQLQuery] = (0..<200).map { "INSERT INTO \(table) VALUES (\(base + $0), \("第\($0)号"))" }
                batch.append("SELECT count(*) AS n, max(label) AS top FROM \(table) WHERE k >= \(base)")
                let results = try await connection.pipeline(batch)
                #expect(results.count == 201)
                #expect(results[0].affectedRows == 1)
                #expect(try results[200].single().decode("n", as: Int.self) == 200)
            }
            #expect(try await PostgresIntegration.count(table, on: connection) == 400)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func aFailureRollsBackTheWholeBatch() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = PostgresIntegration.uniqueTable("pipeline_fail")
            try await connection.execute("CREATE TABLE \(table) (k int8 PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.pipeline([
                    "INSERT INTO \(table) VALUES (\(1))",
                    "INSERT INTO \(table) VALUES (\(1))",
                    "INSERT INTO \(table) VALUES (\(2))",
                ])
            }
            #expect(error?.code == .uniqueViolation)
            #expect(error?.reason?.contains("statement 2 of 3") == true)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)

            let syntax = await #expect(throws: PostgresError.self) {
                try await connection.pipeline(["INSERT INTO \(table) VALUES (\(3))", "SELEKT \(4)"])
            }
            #expect(syntax?.code == .syntaxError)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)

            await #expect(throws: Abandoned.self) {
                try await connection.withTransaction { tx in
                    _ = try await tx.pipeline(["INSERT INTO \(table) VALUES (\(5))", "INSERT INTO \(table) VALUES (\(6))"])
                    throw Abandoned()
                }
            }
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)
            let committed = try await connection.withTransaction { tx in
                try await tx.pipeline(["INSERT INTO \(table) VALUES (\(7))", "INSERT INTO \(table) VALUES (\(8))"]).count
            }
            #expect(committed == 2)
            #expect(try await PostgresIntegration.count(table, on: connection) == 2)
            try await connection.execute("DROP TABLE \(table)")
        }
    }
}
