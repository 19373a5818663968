/// A SQL identifier (table, column, schema or channel name), always double-quoted when interpolated.
///
/// Values must be bound, but identifiers cannot be; this type is the one safe way to put a
/// runtime name into a ``SQLQuery``: `"DROP TABLE IF EXISTS \(SQLIdentifier(name))"`. Quotes inside
/// the name are doubled, so the name can never end the identifier early.
public struct SQLIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The name as given, unquoted.
    public let name: String

    /// Wraps a name; NUL characters (which PostgreSQL cannot store) are removed.
    public init(_ name: String) {
        self.name = name.replacingOccurrences(of: "\u{0}", with: "")
    }

    /// The name in double quotes with embedded quotes doubled, e.g. `"my ""odd"" table"`.
    public var quoted: String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The quoted form.
    public var description: String { quoted }
}
