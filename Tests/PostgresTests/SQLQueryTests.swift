import Foundation
import Testing

@testable import Postgres

@Suite struct SQLQueryTests {
    @Test func interpolatedValuesBecomeNumberedPlaceholders() {
        let id = 42
        let name = "'; DROP TABLE cases; --"
        let query: SQLQuery = "SELECT * FROM cases WHERE id = \(id) AND title = \(name) OR note = \(name)"
        #expect(query.sql == "SELECT * FROM cases WHERE id = $1 AND title = $2 OR note = $3")
        #expect(query.bindings.count == 3)
        #expect(!query.sql.contains("DROP"))
        #expect(!query.description.contains("DROP"))
        #expect(query.bindings.map(\.type) == [.int8, .unspecified, .unspecified])
    }

    @Test func fragmentsAreRenumbered() {
        let first: SQLQuery = "a = \(1) AND b = \(2)"
        let second: SQLQuery = " AND c = \(3)"
        let combined: SQLQuery = "SELECT 1 WHERE \(first)\(second) AND d = \(4)"
        #expect(combined.sql == "SELECT 1 WHERE a = $1 AND b = $2 AND c = $3 AND d = $4")
        #expect(combined.bindings.count == 4)
        let joined = SQLQuery.joined([first, second, first], separator: ", ")
        #expect(joined.sql == "a = $1 AND b = $2,  AND c = $3, a = $4 AND b = $5")
        #expect((first + second).sql == "a = $1 AND b = $2 AND c = $3")
    }

    @Test func identifiersAreQuotedNotBound() {
        let table = SQLIdentifier("odd \"name\"")
        let query: SQLQuery = "SELECT x FROM \(table) WHERE y = \(true)"
        #expect(query.sql == "SELECT x FROM \"odd \"\"name\"\"\" WHERE y = $1")
        #expect(query.bindings.count == 1)
    }

    @Test func nullAndOptionalTypes() throws {
        let missing: String? = nil
        let present: Int32? = 7
        let query: SQLQuery = "VALUES (\(missing), \(present), \([1, 2] as [Int]))"
        #expect(query.bindings[0].isNull)
        #expect(!query.bindings[1].isNull)
        #expect(query.bindings[1].type == .int4)
        #expect(query.bindings[2].type == .int8Array)
        #expect(query.sql == "VALUES ($1, $2, $3)")
    }

    @Test func valuesEncodeToPostgresText() throws {
        #expect(try true.postgresText() == "t")
        #expect(try Int64.min.postgresText() == "-9223372036854775808")
        #expect(try Double.infinity.postgresText() == "Infinity")
        #expect(try Data([0x00, 0xab, 0xff]).postgresText() == "\\x00abff")
        #expect(try ["a", "b\"c", "d\\e", "NULL"].postgresText() == #"{"a","b\"c","d\\e","NULL"}"#)
        #expect(throws: PostgresError.self) { try "a\u{0}b".postgresText() }
    }

    @Test(arguments: [
        (#"{}"#, [String?]()),
        (#"{a,b}"#, ["a", "b"]),
        (#"{"a b","c\"d",NULL,"NULL"}"#, ["a b", "c\"d", nil, "NULL"]),
        (#"{電梯困人,"x\\y"}"#, ["電梯困人", "x\\y"]),
    ])
    func arrayLiteralsParse(text: String, expected: [String?]) throws {
        #expect(try PostgresArrayLiteral.parse(text) == expected)
    }

    @Test func malformedArrayLiteralsThrow() {
        #expect(throws: (any Error).self) { try PostgresArrayLiteral.parse("{{1,2},{3,4}}") }
        #expect(throws: (any Error).self) { try PostgresArrayLiteral.parse("a,b") }
        #expect(throws: (any Error).self) { try PostgresArrayLiteral.parse(#"{"open}"#) }
    }
}
