import CaretakerTestSupport
import Foundation
import Postgres
import Testing

extension PostgresIntegration {
    @Suite struct ErrorTests {
        @Test(.requiring(.postgres)) func serverErrorsCarryTheirSQLState() async throws {
            let connection = try await PostgresIntegration.connect()
            let syntax = await #expect(throws: PostgresError.self) { try await connection.query("SELEKT \(1)") }
            #expect(syntax?.code == .syntaxError)
            #expect(syntax?.code.rawValue == "42601")
            let missing = await #expect(throws: PostgresError.self) {
                try await connection.query("SELECT * FROM caretaker_no_such_table WHERE id = \(1)")
            }
            #expect(missing?.code == .undefinedTable)
            #expect(missing?.code.rawValue == "42P01")
            #expect(missing?.isTransient == false)
            let badInput = await #expect(throws: PostgresError.self) {
                try await connection.query("SELECT \("not-a-number")::int4 AS n")
            }
            #expect(badInput?.code == .invalidTextRepresentation)
            #expect(badInput.map { !$0.description.contains("not-a-number") } == true)
            // The session is still usable after server errors.
            #expect(try await connection.query("SELECT 1 AS one").single().decode("one", as: Int.self) == 1)
        }

        @Test(.requiring(.postgres)) func decodingNullIntoNonOptionalNamesTheColumn() async throws {
            let connection = try await PostgresIntegration.connect()
            let row = try await connection.query("SELECT NULL::text AS resident_phone, 'x' AS word").single()
            let error = #expect(throws: PostgresError.self) { try row.decode("resident_phone", as: String.self) }
            #expect(error?.kind == .decoding)
            #expect(error?.column == "resident_phone")
            #expect(error?.description.contains("resident_phone") == true)
            #expect(error?.description.contains("NULL") == true)
            #expect(try row.decode("resident_phone", as: String?.self) == nil)
            let wrongType = #expect(throws: PostgresError.self) { try row.decode("word", as: Int.self) }
            #expect(wrongType?.column == "word")
            let unknown = #expect(throws: PostgresError.self) { try row.decode("nope", as: Int.self) }
            #expect(unknown?.column == "nope")
        }

        @Test(.requiring(.postgres)) func stringWithNulIsRefusedBeforeSending() async throws {
            let connection = try await PostgresIntegration.connect()
            let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT \("a\u{0}b")") }
            #expect(error?.kind == .encoding)
            #expect(try await connection.query("SELECT \("ok") AS v").single().decode("v", as: String.self) == "ok")
        }

        @Test func connectingToAClosedPortFailsFast() async throws {
            let clock = ContinuousClock()
            let start = clock.now
            let error = await #expect(throws: PostgresError.self) {
                try await PostgresConnection.connect("postgresql://caretaker@127.0.0.1:1/caretaker?connect_timeout=2")
            }
            #expect(clock.now - start < .seconds(3))
            #expect(error?.kind == .connection)
            #expect(error?.code == .unableToConnect)
            #expect(error?.isTransient == true)
        }
    }
}
