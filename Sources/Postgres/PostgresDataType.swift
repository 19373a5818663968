/// A PostgreSQL type OID, used to declare the type of a bound parameter and reported for result columns.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable {
    /// The OID from `pg_type`.
    public let rawValue: UInt32

    /// Wraps an OID.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// OID 0: let the server infer the parameter's type from the statement, as for an untyped literal.
    public static let unspecified = PostgresDataType(rawValue: 0)
    /// `bool`.
    public static let bool = PostgresDataType(rawValue: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(rawValue: 17)
    /// `int8` (`bigint`).
    public static let int8 = PostgresDataType(rawValue: 20)
    /// `int2` (`smallint`).
    public static let int2 = PostgresDataType(rawValue: 21)
    /// `int4` (`integer`).
    public static let int4 = PostgresDataType(rawValue: 23)
    /// `text`.
    public static let text = PostgresDataType(rawValue: 25)
    /// `json`.
    public static let json = PostgresDataType(rawValue: 114)
    /// `float4` (`real`).
    public static let float4 = PostgresDataType(rawValue: 700)
    /// `float8` (`double precision`).
    public static let float8 = PostgresDataType(rawValue: 701)
    /// `varchar`.
    public static let varchar = PostgresDataType(rawValue: 1043)
    /// `date`.
    public static let date = PostgresDataType(rawValue: 1082)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(rawValue: 1114)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    /// `uuid`.
    public static let uuid = PostgresDataType(rawValue: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(rawValue: 3802)
    /// `bool[]`.
    public static let boolArray = PostgresDataType(rawValue: 1000)
    /// `int4[]`.
    public static let int4Array = PostgresDataType(rawValue: 1007)
    /// `text[]`.
    public static let textArray = PostgresDataType(rawValue: 1009)
    /// `int8[]`.
    public static let int8Array = PostgresDataType(rawValue: 1016)
    /// `float8[]`.
    public static let float8Array = PostgresDataType(rawValue: 1022)
    /// `uuid[]`.
    public static let uuidArray = PostgresDataType(rawValue: 2951)
}
