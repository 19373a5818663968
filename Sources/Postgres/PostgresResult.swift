/// The complete result of one statement: its rows (already copied out of libpq), columns and counts.
///
/// It is a collection of ``PostgresRow``s: `for row in result { let id = try row.decode("id", as: Int.self) }`.
public struct PostgresResult: Sendable, RandomAccessCollection {
    /// The result's columns, in order.
    public let columns: PostgresColumns
    /// The rows, in the order the server sent them.
    public let rows: [PostgresRow]
    /// The command tag, for example `INSERT 0 3` or `SELECT 2`.
    public let commandTag: String
    /// Rows inserted, updated, deleted, selected, moved, fetched or copied (0 for other statements).
    public let affectedRows: Int

    init(columns: PostgresColumns, rows: [PostgresRow], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The first row's index (0).
    public var startIndex: Int { rows.startIndex }
    /// One past the last row's index.
    public var endIndex: Int { rows.endIndex }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { rows[position] }

    /// The single row of a result that must have exactly one, or a usage error naming the count.
    public func single() throws -> PostgresRow {
        guard rows.count == 1 else {
            throw PostgresError.usage("expected exactly one row, got \(rows.count)")
        }
        return rows[0]
    }
}

/// A result column's name and type.
public struct PostgresColumn: Sendable, Hashable {
    /// The column's name (or alias) as the server reported it.
    public let name: String
    /// The column's type OID.
    public let type: PostgresDataType
}

/// The columns of a result, shared by all its rows, with a name-to-index lookup.
public final class PostgresColumns: Sendable {
    /// The columns in order.
    public let all: [PostgresColumn]
    private let indexByName: [String: Int]

    init(_ columns: [PostgresColumn]) {
        all = columns
        var indexByName: [String: Int] = [:]
        for (index, column) in columns.enumerated() where indexByName[column.name] == nil {
            indexByName[column.name] = index
        }
        self.indexByName = indexByName
    }

    /// The index of the first column called `name`, if any.
    public func index(of name: String) -> Int? { indexByName[name] }
}
