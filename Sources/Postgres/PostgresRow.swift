/// One row of a ``PostgresResult``; decode its columns by name or index.
///
/// Values are the text form the server sent (nil for NULL). Decoding NULL into a non-optional type
/// throws a ``PostgresError`` of kind ``PostgresError/Kind/decoding`` that names the column; decode
/// an `Optional` to accept NULL.
public struct PostgresRow: Sendable {
    /// The result's columns.
    public let columns: PostgresColumns
    let values: [String?]

    init(columns: PostgresColumns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// Decodes the column called `name`.
    public func decode<Value: PostgresDecodable>(_ name: String, as type: Value.Type = Value.self) throws -> Value {
        guard let index = columns.index(of: name) else {
            throw PostgresError(kind: .decoding, code: .decodingFailed, column: name, reason: "no such column in the result")
        }
        return try decode(index, as: type)
    }

    /// Decodes the column at `index` (0-based).
    public func decode<Value: PostgresDecodable>(_ index: Int, as type: Value.Type = Value.self) throws -> Value {
        guard values.indices.contains(index) else {
            throw PostgresError(
                kind: .decoding, code: .decodingFailed, column: "#\(index)",
                reason: "column index out of range (\(values.count) columns)")
        }
        let column = columns.all[index]
        do {
            guard let text = values[index] else { return try Value.postgresNull() }
            return try Value(postgresText: text, type: column.type)
        } catch let failure as PostgresDecodingFailure {
            throw PostgresError(
                kind: .decoding, code: .decodingFailed, column: column.name,
                reason: "cannot decode as \(Value.self) (type oid \(column.type.rawValue)): \(failure.reason)")
        } catch {
            throw PostgresError(
                kind: .decoding, code: .decodingFailed, column: column.name, serverMessage: "\(error)",
                reason: "cannot decode as \(Value.self) (type oid \(column.type.rawValue))")
        }
    }

    /// Whether the column called `name` is NULL (false when there is no such column).
    public func isNull(_ name: String) -> Bool {
        guard let index = columns.index(of: name) else { return false }
        return values[index] == nil
    }

    /// The number of columns.
    public var count: Int { values.count }
}
