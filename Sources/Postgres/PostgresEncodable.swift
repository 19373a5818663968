import Foundation

/// A Swift value that can be bound as a query parameter, in PostgreSQL's text form.
///
/// Conform your own types by returning their text form; a `RawRepresentable` type whose raw
/// value is encodable (a `String` enum, say) gets the conformance for free when declared.
public protocol PostgresEncodable: Sendable {
    /// The parameter type declared to the server; ``PostgresDataType/unspecified`` lets it infer.
    static var postgresType: PostgresDataType { get }

    /// The value in PostgreSQL's text input syntax, or nil for SQL NULL.
    ///
    /// Throw when the value cannot be represented; the query then fails with a
    /// ``PostgresError/Kind/encoding`` error and nothing is sent.
    func postgresText() throws -> String?
}

extension PostgresEncodable where Self: RawRepresentable, RawValue: PostgresEncodable {
    /// The raw value's type.
    public static var postgresType: PostgresDataType { RawValue.postgresType }

    /// The raw value's text form.
    public func postgresText() throws -> String? { try rawValue.postgresText() }
}

extension String: PostgresEncodable {
    /// Unspecified, so that a string can fill a `text`, `varchar`, enum or `jsonb` column alike.
    public static var postgresType: PostgresDataType { .unspecified }

    /// The string itself; throws if it contains NUL, which PostgreSQL text cannot hold.
    public func postgresText() throws -> String? {
        if utf8.contains(0) { throw PostgresError.encoding("string contains a NUL character") }
        return self
    }
}

extension Int: PostgresEncodable {
    /// `int8`.
    public static var postgresType: PostgresDataType { .int8 }
    /// The decimal digits.
    public func postgresText() throws -> String? { String(self) }
}

extension Int64: PostgresEncodable {
    /// `int8`.
    public static var postgresType: PostgresDataType { .int8 }
    /// The decimal digits.
    public func postgresText() throws -> String? { String(self) }
}

extension Int32: PostgresEncodable {
    /// `int4`.
    public static var postgresType: PostgresDataType { .int4 }
    /// The decimal digits.
    public func postgresText() throws -> String? { String(self) }
}

extension Int16: PostgresEncodable {
    /// `int2`.
    public static var postgresType: PostgresDataType { .int2 }
    /// The decimal digits.
    public func postgresText() throws -> String? { String(self) }
}

extension Bool: PostgresEncodable {
    /// `bool`.
    public static var postgresType: PostgresDataType { .bool }
    /// `t` or `f`.
    public func postgresText() throws -> String? { self ? "t" : "f" }
}

extension Double: PostgresEncodable {
    /// `float8`.
    public static var postgresType: PostgresDataType { .float8 }

    /// The shortest round-tripping digits, or `NaN` / `Infinity` / `-Infinity`.
    public func postgresText() throws -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"
    }
}

extension Date: PostgresEncodable {
    /// `timestamptz`.
    public static var postgresType: PostgresDataType { .timestamptz }
    /// ISO form in UTC with microseconds, e.g. `2024-05-01 04:30:00.250000+00`.
    public func postgresText() throws -> String? { try PostgresTimestamp.format(self) }
}

extension UUID: PostgresEncodable {
    /// `uuid`.
    public static var postgresType: PostgresDataType { .uuid }
    /// The canonical hyphenated form.
    public func postgresText() throws -> String? { uuidString }
}

extension Data: PostgresEncodable {
    /// `bytea`.
    public static var postgresType: PostgresDataType { .bytea }

    /// The hex form `\x0a1b…`.
    public func postgresText() throws -> String? {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        bytes.reserveCapacity(2 + count * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's.
    public static var postgresType: PostgresDataType { Wrapped.postgresType }

    /// The wrapped value's text, or nil (SQL NULL).
    public func postgresText() throws -> String? {
        switch self {
        case .none: nil
        case .some(let value): try value.postgresText()
        }
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element's array type, e.g. `text[]`.
    public static var postgresType: PostgresDataType { Element.postgresArrayType }

    /// An array literal such as `{"a","b c",NULL}`.
    public func postgresText() throws -> String? {
        try PostgresArrayLiteral.format(map { try $0.postgresText() })
    }
}
