import Foundation

/// A Swift type that a result column can be decoded into, from PostgreSQL's text form.
///
/// Conform your own types by parsing the text; a `RawRepresentable` type whose raw value is
/// decodable gets the conformance for free when declared. Errors you throw are wrapped in a
/// ``PostgresError`` of kind ``PostgresError/Kind/decoding`` that names the column.
public protocol PostgresDecodable: Sendable {
    /// Parses the column's text form; `type` is the column's declared type.
    init(postgresText text: String, type: PostgresDataType) throws

    /// The value for SQL NULL; the default throws, only `Optional` returns nil.
    static func postgresNull() throws -> Self
}

/// A type that is both bound as a parameter and decoded from a column.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

/// Why a column's text could not be decoded; the text itself is not kept.
struct PostgresDecodingFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension PostgresDecodable {
    /// Throws: NULL cannot become a non-optional value.
    public static func postgresNull() throws -> Self {
        throw PostgresDecodingFailure(reason: "NULL cannot be decoded as non-optional \(Self.self); decode an Optional")
    }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    /// Decodes the raw value, then fails if it names no case.
    public init(postgresText text: String, type: PostgresDataType) throws {
        let raw = try RawValue(postgresText: text, type: type)
        guard let value = Self(rawValue: raw) else {
            throw PostgresDecodingFailure(reason: "no \(Self.self) has this raw value")
        }
        self = value
    }
}

private func integer<T: FixedWidthInteger>(_ text: String) throws -> T {
    guard let value = T(text) else { throw PostgresDecodingFailure(reason: "not a \(T.self) in range") }
    return value
}

extension String: PostgresDecodable {
    /// Any column's text form.
    public init(postgresText text: String, type: PostgresDataType) throws { self = text }
}

extension Int: PostgresDecodable {
    /// From `int2`, `int4`, `int8` (or any text holding decimal digits).
    public init(postgresText text: String, type: PostgresDataType) throws { self = try integer(text) }
}

extension Int64: PostgresDecodable {
    /// From `int2`, `int4`, `int8`.
    public init(postgresText text: String, type: PostgresDataType) throws { self = try integer(text) }
}

extension Int32: PostgresDecodable {
    /// From `int2`, `int4`, or an `int8` in range.
    public init(postgresText text: String, type: PostgresDataType) throws { self = try integer(text) }
}

extension Int16: PostgresDecodable {
    /// From `int2`, or a wider integer in range.
    public init(postgresText text: String, type: PostgresDataType) throws { self = try integer(text) }
}

extension Bool: PostgresDecodable {
    /// From `bool` (`t` / `f`).
    public init(postgresText text: String, type: PostgresDataType) throws {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PostgresDecodingFailure(reason: "not a boolean")
        }
    }
}

extension Double: PostgresDecodable {
    /// From `float4`, `float8`, `numeric` or integers, including `NaN` and `±Infinity`.
    public init(postgresText text: String, type: PostgresDataType) throws {
        guard let value = Double(text) else { throw PostgresDecodingFailure(reason: "not a number") }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// From `timestamptz`, `timestamp` (taken as UTC) or `date`; `±infinity` map to the distant dates.
    public init(postgresText text: String, type: PostgresDataType) throws {
        self = try PostgresTimestamp.parse(text)
    }
}

extension UUID: PostgresDecodable {
    /// From `uuid`.
    public init(postgresText text: String, type: PostgresDataType) throws {
        guard let value = UUID(uuidString: text) else { throw PostgresDecodingFailure(reason: "not a UUID") }
        self = value
    }
}

extension Data: PostgresDecodable {
    /// From `bytea` (hex form); other types give their text's UTF-8 bytes.
    public init(postgresText text: String, type: PostgresDataType) throws {
        guard type == .bytea else {
            self = Data(text.utf8)
            return
        }
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw PostgresDecodingFailure(reason: "bytea is not in hex form (set bytea_output = hex)")
        }
        func nibble(_ c: UInt8) throws -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: throw PostgresDecodingFailure(reason: "bad hex digit in bytea")
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            bytes.append(try nibble(utf8[index]) << 4 | nibble(utf8[index + 1]))
            index += 2
        }
        self = Data(bytes)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// The wrapped type's decoding.
    public init(postgresText text: String, type: PostgresDataType) throws {
        self = .some(try Wrapped(postgresText: text, type: type))
    }

    /// NULL decodes as nil.
    public static func postgresNull() throws -> Self { nil }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// From a one-dimensional array; a NULL element fails (decode `[Element?]` is not offered).
    public init(postgresText text: String, type: PostgresDataType) throws {
        self = try PostgresArrayLiteral.parse(text).map { element in
            guard let element else { throw PostgresDecodingFailure(reason: "array has a NULL element") }
            return try Element(postgresText: element, type: .unspecified)
        }
    }
}
