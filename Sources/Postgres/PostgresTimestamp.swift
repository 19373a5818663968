import Foundation

/// Formats and parses PostgreSQL's ISO timestamp text without `DateFormatter` (which is slow and
/// locale-dependent), to microsecond precision.
enum PostgresTimestamp {
    /// `YYYY-MM-DD HH:MM:SS.ffffff+00` in UTC; years before 1 get PostgreSQL's ` BC` suffix.
    static func format(_ date: Date) throws -> String {
        if date == .distantFuture { return "infinity" }
        if date == .distantPast { return "-infinity" }
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 200_000_000_000 else {
            throw PostgresError.encoding("date out of PostgreSQL's timestamp range")
        }
        let micros = Int64((seconds * 1_000_000).rounded())
        let (days, microOfDay) = floorDivide(micros, 86_400_000_000)
        let (year, month, day) = civil(fromDays: days)
        let second = microOfDay / 1_000_000
        let fraction = microOfDay % 1_000_000
        let bc = year <= 0
        var text = pad(bc ? 1 - year : year, 4) + "-" + pad(Int64(month), 2) + "-" + pad(Int64(day), 2)
        text += " " + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":" + pad(second % 60, 2)
        text += "." + pad(fraction, 6) + "+00"
        return bc ? text + " BC" : text
    }

    /// Parses `YYYY-MM-DD[( |T)HH:MM[:SS[.f…]]][Z|±HH[:MM[:SS]]][ BC]`, `infinity` and `-infinity`.
    ///
    /// Without an offset the time is taken as UTC (a `timestamp` column or a `date`).
    static func parse(_ text: String) throws -> Date {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var scanner = Scanner(Array(text.utf8))
        guard var year = scanner.number(minDigits: 4, maxDigits: 9), scanner.skip("-"),
              let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
              let day = scanner.number(minDigits: 2, maxDigits: 2),
              (1...12).contains(month), (1...31).contains(day)
        else { throw failure }
        var micros: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                  let minute = scanner.number(minDigits: 2, maxDigits: 2), hour <= 24, minute < 60
            else { throw failure }
            var second: Int64 = 0
            if scanner.skip(":") {
                guard let value = scanner.number(minDigits: 2, maxDigits: 2), value <= 60 else { throw failure }
                second = value
            }
            micros = ((hour * 60 + minute) * 60 + second) * 1_000_000
            if scanner.skip(".") {
                var scale: Int64 = 100_000
                var digits = 0
                while let digit = scanner.digit() {
                    micros += digit * scale
                    scale /= 10
                    digits += 1
                }
                guard digits > 0 else { throw failure }
            }
            if scanner.skip("Z") {
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { throw failure }
                var offset = hours * 3600
                if scanner.skip(":") {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { throw failure }
                    offset += minutes * 60
                    if scanner.skip(":") {
                        guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { throw failure }
                        offset += seconds
                    }
                }
                micros -= sign * offset * 1_000_000
            }
        }
        if scanner.skip(" BC") { year = 1 - year }
        guard scanner.atEnd else { throw failure }
        let days = daysFromCivil(year: year, month: month, day: day)
        let total = days * 86_400_000_000 + micros
        return Date(timeIntervalSince1970: Double(total) / 1_000_000)
    }

    private static var failure: PostgresDecodingFailure {
        PostgresDecodingFailure(reason: "not an ISO timestamp")
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), Int(month), Int(day))
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func digit() -> Int64? {
            guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else {
                return nil
            }
            defer { index += 1 }
            return Int64(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            let start = index
            var value: Int64 = 0
            while index - start < maxDigits, let digit = digit() { value = value * 10 + digit }
            guard index - start >= minDigits else {
                index = start
                return nil
            }
            return value
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
