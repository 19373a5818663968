import CaretakerTestSupport
import Foundation
import Postgres
import Testing

extension PostgresIntegration {
    /// Restarts and stops the test server; always leaves it running.
    @Suite struct ReconnectTests {
        @Test(.requiring(.postgres)) func restartFailsOneCallTransientlyThenReconnects() async throws {
            let connection = try await PostgresIntegration.connect()
            let sender = try await PostgresIntegration.connect()
            try await connection.listen("caretaker_reconnect")
            let before = try await connection.query("SELECT \(20) + \(22) AS answer").single()
            #expect(try before.decode("answer", as: Int.self) == 42)
            let firstPID = await connection.backendPID

            try ServerControl.services("restart", "postgres")

            // The statement's outcome is unknown, so it is not retried: the caller sees a transient error.
            let lost = await #expect(throws: PostgresError.self) {
                try await connection.query("SELECT \(20) + \(22) AS answer")
            }
            #expect(lost?.isTransient == true)
            #expect(lost?.kind == .connection)
            #expect(lost.map { ["08", "57"].contains($0.code.errorClass) } == true)
            #expect(await connection.isConnected == false)

            // The next call reconnects by itself and re-prepares the statement on the new session.
            let after = try await connection.query("SELECT \(20) + \(22) AS answer").single()
            #expect(try after.decode("answer", as: Int.self) == 42)
            #expect(await connection.reconnectCount == 1)
            #expect(await connection.backendPID != firstPID)
            let zone = try await connection.query("SELECT current_setting('TimeZone') AS zone").single()
            #expect(try zone.decode("zone", as: String.self) == "UTC")

            // LISTEN was re-issued on the new session.
            _ = try? await sender.query("SELECT 1")
            try await sender.notify("caretaker_reconnect", payload: "后来")
            let received = try await connection.notifications(timeout: .seconds(5))
            #expect(received.map(\.payload) == ["后来"])
        }

        @Test(.requiring(.postgres)) func stoppedServerFailsFastThenExplicitReconnectWorks() async throws {
            let connection = try await PostgresIntegration.connect()
            try ServerControl.services("stop", "postgres")
            do {
                defer { try? ServerControl.services("start", "postgres") }
                let clock = ContinuousClock()
                let start = clock.now
                for _ in 0..<5 {
                    let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
                    #expect(error?.isTransient == true)
                    #expect(error?.kind == .connection)
                }
                // Refused connections and backoff: five calls against a dead server take no time at all.
                #expect(clock.now - start < .seconds(2))
                let waiting = await #expect(throws: PostgresError.self) { try await connection.notifications(timeout: .seconds(1)) }
                #expect(waiting?.isTransient == true)
            }
            try await connection.reconnect()
            #expect(await connection.isConnected)
            #expect(try await connection.query("SELECT \("回来了") AS v").single().decode("v", as: String.self) == "回来了")
        }

        @Test(.requiring(.postgres)) func transactionsAloneRecoverAfterARestart() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = PostgresIntegration.uniqueTable("reconnect_only_tx")
            try await connection.execute("CREATE TABLE \(table) (k text)")
            try ServerControl.services("restart", "postgres")
            let lost = await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { tx in try await tx.execute("INSERT INTO \(table) VALUES (\("lost"))") }
            }
            #expect(lost?.isTransient == true)
            let inserted = try await connection.withTransaction { tx in
                try await tx.execute("INSERT INTO \(table) VALUES (\("kept"))")
            }
            #expect(inserted == 1)
            #expect(await connection.reconnectCount == 1)
            #expect(try await PostgresIntegration.count(table, on: connection) == 1)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func transactionIsNotContinuedOnANewSession() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = PostgresIntegration.uniqueTable("reconnect_tx")
            try await connection.execute("CREATE TABLE \(table) (k text)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.withTransaction { tx in
                    try await tx.execute("INSERT INTO \(table) VALUES (\("before"))")
                    try ServerControl.services("restart", "postgres")
                    _ = try? await tx.execute("INSERT INTO \(table) VALUES (\("lost"))")
                    try await tx.execute("INSERT INTO \(table) VALUES (\("after"))")
                }
            }
            #expect(error?.isTransient == true)
            #expect(try await PostgresIntegration.count(table, on: connection) == 0)
            try await connection.execute("DROP TABLE \(table)")
        }
    }
}
