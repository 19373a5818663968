import Foundation

/// A type whose arrays can be bound and decoded (`[String]` as `text[]`, `[Int]` as `int8[]`, …).
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The array type, e.g. ``PostgresDataType/textArray`` for `String`.
    static var postgresArrayType: PostgresDataType { get }
}

extension String: PostgresArrayElement {
    /// `text[]`.
    public static var postgresArrayType: PostgresDataType { .textArray }
}

extension Int: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int64: PostgresArrayElement {
    /// `int8[]`.
    public static var postgresArrayType: PostgresDataType { .int8Array }
}

extension Int32: PostgresArrayElement {
    /// `int4[]`.
    public static var postgresArrayType: PostgresDataType { .int4Array }
}

extension Bool: PostgresArrayElement {
    /// `bool[]`.
    public static var postgresArrayType: PostgresDataType { .boolArray }
}

extension Double: PostgresArrayElement {
    /// `float8[]`.
    public static var postgresArrayType: PostgresDataType { .float8Array }
}

extension UUID: PostgresArrayElement {
    /// `uuid[]`.
    public static var postgresArrayType: PostgresDataType { .uuidArray }
}
