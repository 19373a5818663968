import CaretakerTestSupport
import Foundation
import Postgres
import Testing

enum CaseState: String, PostgresCodable {
    case open, closed
}

extension PostgresIntegration {
    @Suite struct SessionTests {
        @Test(.requiring(.postgres)) func configurationReachesTheSession() async throws {
            var configuration = try PostgresIntegration.configuration()
            configuration.statementTimeout = .milliseconds(300)
            let connection = try await PostgresConnection.connect(configuration)
            let settings = try await connection.query("""
                SELECT current_setting('application_name') AS app, current_setting('TimeZone') AS zone,
                       current_setting('statement_timeout') AS timeout, current_setting('client_encoding') AS encoding
                """).single()
            #expect(try settings.decode("app", as: String.self) == "caretaker-postgres-tests")
            #expect(try settings.decode("zone", as: String.self) == "UTC")
            #expect(try settings.decode("timeout", as: String.self) == "300ms")
            #expect(try settings.decode("encoding", as: String.self) == "UTF8")
            let slow = await #expect(throws: PostgresError.self) { try await connection.query("SELECT pg_sleep(\(2.0))") }
            #expect(slow?.code == .queryCanceled)
        }

        @Test(.requiring(.postgres)) func rawRepresentableEnumsBindAndDecode() async throws {
            let connection = try await PostgresIntegration.connect()
            let row = try await connection.query("SELECT \(CaseState.closed) AS state, 'reopened' AS other").single()
            #expect(try row.decode("state", as: CaseState.self) == .closed)
            let unknown = #expect(throws: PostgresError.self) { try row.decode("other", as: CaseState.self) }
            #expect(unknown?.column == "other")
            #expect(unknown.map { !$0.description.contains("reopened") } == true)
        }

        @Test(.requiring(.postgres)) func savepointThroughAnEscapedHandleIsRefused() async throws {
            let connection = try await PostgresIntegration.connect()
            let escaped = try await connection.withTransaction { tx in tx }
            let error = await #expect(throws: PostgresError.self) {
                try await escaped.withSavepoint { inner in try await inner.execute("SELECT 1") }
            }
            #expect(error?.kind == .usage)
        }
    }
}
