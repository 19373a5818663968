/// The handle a ``PostgresConnection/withTransaction(isolation:readOnly:_:)`` body runs its statements with.
///
/// Valid only until the body returns; using it afterwards throws a usage error rather than
/// running the statement outside the transaction.
public struct PostgresTransaction: Sendable {
    /// The connection the transaction runs on.
    public let connection: PostgresConnection
    let id: UInt64

    /// Runs one statement in the transaction and returns its complete result.
    public func query(_ query: SQLQuery) async throws -> PostgresResult {
        try await connection.query(query, inTransaction: id)
    }

    /// Runs one statement in the transaction and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await connection.query(query, inTransaction: id).affectedRows
    }

    /// Runs several statements of the transaction in one round trip; see ``PostgresConnection/pipeline(_:)``.
    public func pipeline(_ queries: [SQLQuery]) async throws -> [PostgresResult] {
        try await connection.pipeline(queries, inTransaction: id)
    }

    /// Runs `body` inside a savepoint: its failure rolls back only its own statements.
    public func withSavepoint<Value: Sendable>(_ body: sending (PostgresTransaction) async throws -> Value) async throws -> Value {
        try await connection.withSavepoint(id: id, body)
    }
}
