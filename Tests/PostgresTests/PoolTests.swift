import CaretakerTestSupport
import Foundation
import Postgres
import Testing

extension PostgresIntegration {
    @Suite struct PoolTests {
        @Test(.requiring(.postgres)) func lendsAtMostSizeConnectionsAndQueuesTheRest() async throws {
            let pool = PostgresConnectionPool(configuration: try PostgresIntegration.configuration(), size: 2)
            let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let row = try await connection.query(
                                "SELECT pg_backend_pid() AS pid, pg_sleep(\(0.05)), \(index) AS i").single()
                            return try row.decode("pid", as: Int32.self)
                        }
                    }
                }
                return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
            }
            #expect(pids.count == 2)
            #expect(await pool.openedCount == 2)
            let committed = try await pool.withTransaction { tx in
                try await tx.query("SELECT \(41) + 1 AS answer").single().decode("answer", as: Int.self)
            }
            #expect(committed == 42)
            await pool.close()
            await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
        }
    }
}
