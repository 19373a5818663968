import CaretakerTestSupport
import Foundation
import Postgres
import Testing

struct Report: Codable, Equatable {
    struct Location: Codable, Equatable {
        var building: String
        var floor: Int
    }
    var title: String
    var location: Location
    var tags: [String]
    var urgent: Bool
}

extension PostgresIntegration {
    @Suite struct RoundTripTests {
        @Test(.requiring(.postgres)) func valuesSurviveTheRoundTrip() async throws {
            let connection = try await PostgresIntegration.connect()
            let table = PostgresIntegration.uniqueTable("roundtrip")
            try await connection.execute("""
                CREATE TABLE \(table) (id int8 PRIMARY KEY, simplified text, traditional text, emoji text,
                    nothing text, doc jsonb, i16 int2, i32 int4, i64 int8, flag bool, at timestamptz,
                    blob bytea, tags text[], ids int8[], uid uuid, ratio float8, injection text)
                """)

            let report = Report(
                title: "电梯困人 / 電梯困人 🛗", location: .init(building: "三号楼", floor: -2),
                tags: ["紧急", "quote\"back\\slash"], urgent: true)
            let at = Date(timeIntervalSince1970: 1_714_537_800.123456)
            let blob = Data([0, 1, 2, 0x7f, 0x80, 0xfe, 0xff])
            let uid = UUID()
            let injection = "'; DROP TABLE cases; --"
            let nothing: String? = nil
            let inserted = try await connection.execute("""
                INSERT INTO \(table) VALUES (1, \("电梯困人"), \("電梯困人"), \("🛗🚨👩‍🔧"), \(nothing),
                    \(try PostgresJSON(encoding: report)), \(Int16.min), \(Int32.max), \(Int64.min), \(true), \(at),
                    \(blob), \(["a b", "NULL", "電梯", ""]), \([Int.max, Int.min]), \(uid), \(-0.1), \(injection))
                """)
            #expect(inserted == 1)
            try await connection.execute("INSERT INTO \(table) (id, i64, i32, flag) VALUES (2, \(Int64.max), \(Int32.min), \(false))")

            let row = try await connection.query("SELECT * FROM \(table) WHERE id = \(1)").single()
            #expect(try row.decode("simplified", as: String.self) == "电梯困人")
            #expect(try row.decode("traditional", as: String.self) == "電梯困人")
            #expect(try row.decode("emoji", as: String.self) == "🛗🚨👩‍🔧")
            #expect(try row.decode("nothing", as: String?.self) == nil)
            #expect(row.isNull("nothing"))
            #expect(try row.decode("doc", as: PostgresJSON.self).decode(Report.self) == report)
            #expect(try row.decode("i16", as: Int16.self) == .min)
            #expect(try row.decode("i32", as: Int32.self) == .max)
            #expect(try row.decode("i64", as: Int64.self) == .min)
            #expect(try row.decode("flag", as: Bool.self) == true)
            let storedAt = try row.decode("at", as: Date.self)
            #expect(abs(storedAt.timeIntervalSince1970 - at.timeIntervalSince1970) < 0.000_001)
            #expect(try row.decode("blob", as: Data.self) == blob)
            #expect(try row.decode("tags", as: [String].self) == ["a b", "NULL", "電梯", ""])
            #expect(try row.decode("ids", as: [Int].self) == [Int.max, Int.min])
            #expect(try row.decode("uid", as: UUID.self) == uid)
            #expect(try row.decode("ratio", as: Double.self) == -0.1)
            #expect(try row.decode("injection", as: String.self) == injection)
            #expect(try row.decode(0, as: Int.self) == 1)

            let other = try await connection.query("SELECT i64, i32, flag FROM \(table) WHERE id = \(2)").single()
            #expect(try other.decode("i64", as: Int.self) == Int.max)
            #expect(try other.decode("i32", as: Int32.self) == .min)
            #expect(try other.decode("flag", as: Bool.self) == false)

            let matches = try await connection.query("SELECT count(*) AS n FROM \(table) WHERE injection = \(injection)")
            #expect(try matches.single().decode("n", as: Int.self) == 1)
            let cases = try await connection.query("SELECT to_regclass(\(table.name)) IS NOT NULL AS present")
            #expect(try cases.single().decode("present", as: Bool.self))
            let updated = try await connection.execute("UPDATE \(table) SET flag = NOT flag WHERE id = ANY(\([1, 2]))")
            #expect(updated == 2)
            try await connection.execute("DROP TABLE \(table)")
        }

        @Test(.requiring(.postgres)) func timestamptzTextInOtherZonesParses() async throws {
            let connection = try await PostgresIntegration.connect()
            let utc = try await connection.query(
                "SELECT '2024-05-01 12:30:00.123456+08'::timestamptz AS t, current_setting('TimeZone') AS zone")
            #expect(try utc.single().decode("zone", as: String.self) == "UTC")
            let expected = 1_714_537_800.123456
            #expect(abs(try utc.single().decode("t", as: Date.self).timeIntervalSince1970 - expected) < 0.000_001)
            try await connection.execute("SET TimeZone TO 'Asia/Kolkata'")
            let kolkata = try await connection.query("SELECT '2024-05-01 12:30:00.5+08'::timestamptz AS t, (\("x"))::text AS x")
            let date = try kolkata.single().decode("t", as: Date.self)
            #expect(abs(date.timeIntervalSince1970 - (expected - 0.123456 + 0.5)) < 0.000_001)
        }

        @Test(.requiring(.postgres)) func manyRowsAndRepeatedStatements() async throws {
            let connection = try await PostgresIntegration.connect()
            var total = 0
            for value in 0..<500 {
                total += try await connection.query("SELECT \(value) + 1 AS v").single().decode("v", as: Int.self)
            }
            #expect(total == (1...500).reduce(0, +))
            let series = try await connection.query("SELECT g, g::text || '号' AS label FROM generate_series(1, \(2000)) g")
            #expect(series.count == 2000)
            #expect(series.affectedRows == 2000)
            #expect(try series[1999].decode("label", as: String.self) == "2000号")
        }
    }
}
