import Foundation
import Testing

@testable import Postgres

@Suite struct PostgresTimestampTests {
    /// Seconds since 1970 for 2024-05-01 04:30:00 UTC.
    static let base: TimeInterval = 1_714_537_800

    @Test(arguments: [
        ("2024-05-01 04:30:00+00", base),
        ("2024-05-01 12:30:00+08", base),
        ("2024-05-01 12:30:00.25+08", base + 0.25),
        ("2024-05-01 04:30:00.123456+00", base + 0.123456),
        ("2024-05-01 10:00:00.5+05:30", base + 0.5),
        ("2024-04-30 23:30:00-05", base),
        ("2024-05-01T04:30:00Z", base),
        ("2024-05-01 04:30:00", base),
        ("2024-05-01 04:30:15+00:00:15", base),
        ("1970-01-01 00:00:00+00", 0),
        ("1969-12-31 23:59:59.999999+00", -0.000001),
        ("2000-02-29 00:00:00+00", 951_782_400),
        ("2024-05-01", base - 16_200),
    ])
    func parsesTimestamptzText(text: String, expected: TimeInterval) throws {
        let parsed = try PostgresTimestamp.parse(text)
        #expect(abs(parsed.timeIntervalSince1970 - expected) < 0.000_000_5, "\(text)")
    }

    @Test(arguments: ["", "2024-5-01 00:00:00", "2024-13-01 00:00:00", "2024-05-01 04:30:00+", "2024-05-01 04:30:00 junk", "now"])
    func rejectsMalformedText(text: String) {
        #expect(throws: (any Error).self) { try PostgresTimestamp.parse(text) }
    }

    @Test func formatsInUTCWithMicroseconds() throws {
        let date = Date(timeIntervalSince1970: Self.base + 0.25)
        #expect(try PostgresTimestamp.format(date) == "2024-05-01 04:30:00.250000+00")
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500000+00")
        #expect(try PostgresTimestamp.format(.distantFuture) == "infinity")
    }

    @Test func formatAndParseRoundTrip() throws {
        for seconds in stride(from: -5_000_000_000.0, through: 5_000_000_000.0, by: 123_456_789.123456) {
            let date = Date(timeIntervalSince1970: seconds)
            let parsed = try PostgresTimestamp.parse(try PostgresTimestamp.format(date))
            #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_001)
        }
        let ancient = try PostgresTimestamp.parse("0044-03-15 12:00:00+00 BC")
        #expect(try PostgresTimestamp.format(ancient) == "0044-03-15 12:00:00.000000+00 BC")
    }
}
