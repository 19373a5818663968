/// A SQL statement whose values always travel as bound parameters.
///
/// Build it with a string literal; every interpolated value becomes a placeholder (`$1`, `$2`, …)
/// and a bound parameter, never text in the statement:
///
/// ```swift
/// let query: SQLQuery = "SELECT title FROM cases WHERE id = \(id) AND state = \(state)"
/// // query.sql == "SELECT title FROM cases WHERE id = $1 AND state = $2", two bindings
/// ```
///
/// The literal type is `StaticString`, so a runtime `String` cannot become SQL text by accident.
/// Identifiers go through ``SQLIdentifier`` (quoted); another `SQLQuery` can be interpolated as a
/// fragment (its parameters are renumbered); raw text needs the loudly named `unsafeRaw:` label.
/// `description` shows the SQL and the parameter count, never the values.
public struct SQLQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The literal type: only compile-time text can be SQL.
    public typealias StringLiteralType = StaticString

    /// The text between placeholders; always one more element than ``bindings``.
    var fragments: [String]
    /// The parameters in placeholder order.
    public private(set) var bindings: [PostgresBinding]

    /// A statement without parameters.
    public init(stringLiteral value: StaticString) {
        fragments = [value.description]
        bindings = []
    }

    /// A statement built by interpolation.
    public init(stringInterpolation: Interpolation) {
        fragments = stringInterpolation.fragments
        bindings = stringInterpolation.bindings
    }

    /// Raw SQL text from a runtime string, for example a migration file read from disk.
    ///
    /// Never build `text` from values: use interpolation, which binds them.
    public init(unsafeRaw text: String) {
        fragments = [text]
        bindings = []
    }

    /// The statement text with `$n` placeholders, as sent to the server.
    public var sql: String {
        var text = fragments[0]
        for index in bindings.indices {
            text += "$\(index + 1)"
            text += fragments[index + 1]
        }
        return text
    }

    /// The SQL text and the number of parameters; values are never shown.
    public var description: String {
        "SQLQuery(\(sql.debugDescription), \(bindings.count) parameters)"
    }

    /// Appends `other`, renumbering its parameters after this query's.
    public mutating func append(_ other: SQLQuery) {
        fragments[fragments.count - 1] += other.fragments[0]
        fragments.append(contentsOf: other.fragments.dropFirst())
        bindings.append(contentsOf: other.bindings)
    }

    /// Concatenates two queries, renumbering the right-hand side's parameters.
    public static func + (lhs: SQLQuery, rhs: SQLQuery) -> SQLQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Joins fragments with a separator, for example to build `VALUES (…), (…)` lists.
    public static func joined(_ parts: [SQLQuery], separator: SQLQuery) -> SQLQuery {
        var result = SQLQuery(unsafeRaw: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(separator) }
            result.append(part)
        }
        return result
    }

    /// Collects literal text and bound values while Swift evaluates an interpolated literal.
    public struct Interpolation: StringInterpolationProtocol {
        /// The literal type: only compile-time text can be SQL.
        public typealias StringLiteralType = StaticString

        var fragments: [String] = [""]
        var bindings: [PostgresBinding] = []

        /// Reserves room for the literal.
        public init(literalCapacity: Int, interpolationCount: Int) {
            bindings.reserveCapacity(interpolationCount)
        }

        /// Appends SQL text from the literal.
        public mutating func appendLiteral(_ literal: StaticString) {
            fragments[fragments.count - 1] += literal.description
        }

        /// Binds a value as the next parameter (`Optional.none` binds NULL).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(PostgresBinding(value))
            fragments.append("")
        }

        /// Binds an optional value as the next parameter; nil binds NULL typed as `Value`.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(PostgresBinding(value))
            fragments.append("")
        }

        /// Inserts a quoted identifier (table, column, channel name).
        public mutating func appendInterpolation(_ identifier: SQLIdentifier) {
            fragments[fragments.count - 1] += identifier.quoted
        }

        /// Inserts another query as a fragment, renumbering its parameters.
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            fragments[fragments.count - 1] += fragment.fragments[0]
            fragments.append(contentsOf: fragment.fragments.dropFirst())
            bindings.append(contentsOf: fragment.bindings)
        }

        /// Inserts raw text into the SQL. Never pass values: they would be spliced, not bound.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            fragments[fragments.count - 1] += text
        }
    }
}

/// One bound parameter: its declared type and its text form (nil for NULL), or why it cannot be encoded.
///
/// Equality and hashing look at the type only, so queries compare by shape; the value is never printed.
public struct PostgresBinding: Sendable, Hashable, CustomStringConvertible {
    /// The parameter's declared type (`unspecified` lets the server infer it).
    public let type: PostgresDataType
    let value: Result<String?, PostgresError>

    /// Encodes a value now; a failure is reported when the query runs.
    public init<Value: PostgresEncodable>(_ value: Value) {
        type = Value.postgresType
        do {
            self.value = .success(try value.postgresText())
        } catch let error as PostgresError {
            self.value = .failure(error)
        } catch {
            self.value = .failure(
                PostgresError(
                    kind: .encoding, code: .encodingFailed, serverMessage: "\(error)",
                    reason: "\(Value.self) could not be encoded"))
        }
    }

    /// Whether the parameter is SQL NULL.
    public var isNull: Bool {
        if case .success(nil) = value { return true }
        return false
    }

    /// The type only; values are never shown.
    public var description: String { "$(\(type.rawValue))" }

    /// Compares declared types only.
    public static func == (lhs: PostgresBinding, rhs: PostgresBinding) -> Bool { lhs.type == rhs.type }

    /// Hashes the declared type only.
    public func hash(into hasher: inout Hasher) { hasher.combine(type) }
}
