/// The isolation level of a transaction.
public enum IsolationLevel: String, Sendable, CaseIterable {
    /// Each statement sees data committed before it started (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// The whole transaction sees one snapshot; concurrent updates fail with `40001`.
    case repeatableRead = "REPEATABLE READ"
    /// Serializable; be ready to retry on `40001`.
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Also rolls back, and throws `25P02` (`in_failed_sql_transaction`), when a statement failed
    /// inside the transaction even if `body` caught that error. Called again from inside `body`
    /// (same task), it opens a savepoint instead, so a nested failure undoes only the nested part.
    /// Other tasks' calls on this connection wait until the transaction ends. If the connection
    /// breaks, the error is transient and the transaction is not resumed on a new session; rerun
    /// the whole transaction.
    ///
    /// - Parameters:
    ///   - isolation: the isolation level (ignored for a nested savepoint).
    ///   - readOnly: start a `READ ONLY` transaction.
    ///   - body: the work; use the ``PostgresTransaction`` (or this connection) for its statements.
    public func withTransaction<Value: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        _ body: (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        if let active = activeTransaction, Self.taskTransactions.contains(active) {
            return try await withSavepoint(id: active, body)
        }
        await waitForTurn()
        // Reconnect (if needed) before the transaction starts: inside one, a lost session is final.
        _ = try connectedHandle()
        let id = beginExclusive()
        defer { endExclusive() }
        try runControl("BEGIN ISOLATION LEVEL \(isolation.rawValue)" + (readOnly ? " READ ONLY" : ""))
        let transaction = PostgresTransaction(connection: self, id: id)
        let value: Value
        do {
            value = try await Self.$taskTransactions.withValue(Self.taskTransactions.union([id])) {
                try await body(transaction)
            }
        } catch {
            rollbackQuietly("ROLLBACK")
            throw error
        }
        if handle?.transactionState == .failed {
            rollbackQuietly("ROLLBACK")
            throw Self.failedTransactionError
        }
        try runControl("COMMIT")
        return value
    }

    /// Runs one statement inside the transaction `id`, refusing a handle that outlived its transaction.
    func query(_ query: SQLQuery, inTransaction id: UInt64) throws -> PostgresResult {
        guard activeTransaction == id else {
            throw PostgresError.usage("transaction handle used after its transaction ended")
        }
        return try run(query)
    }

    /// Runs `body` inside a savepoint of the transaction `id`, refusing a handle that outlived it.
    func withSavepoint<Value: Sendable>(
        id: UInt64, _ body: (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        guard activeTransaction == id else {
            throw PostgresError.usage("transaction handle used after its transaction ended")
        }
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "caretaker_sp\(savepointDepth)"
        try runControl("SAVEPOINT \(name)")
        let value: Value
        do {
            value = try await body(PostgresTransaction(connection: self, id: id))
        } catch {
            rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
            throw error
        }
        if handle?.transactionState == .failed {
            rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
            throw Self.failedTransactionError
        }
        try runControl("RELEASE SAVEPOINT \(name)")
        return value
    }

    /// Runs a transaction-control statement; `COMMIT` answered by `ROLLBACK` counts as a failure.
    private func runControl(_ sql: String) throws(PostgresError) {
        let handle = try connectedHandle()
        do throws(PostgresError) {
            let result = try handle.execute(sql)
            if sql == "COMMIT" && result.commandTag == "ROLLBACK" { throw Self.failedTransactionError }
        } catch {
            dropIfBroken(error)
            throw error
        }
    }

    /// Rolls back if the session is still there; a broken session has rolled back by itself.
    private func rollbackQuietly(_ sql: String) {
        guard let handle, !handle.isBroken else { return }
        do {
            _ = try handle.execute(sql)
        } catch {
            dropIfBroken(error)
        }
    }

    private static var failedTransactionError: PostgresError {
        PostgresError(
            kind: .server, code: .inFailedSQLTransaction,
            reason: "a statement failed inside the transaction, which was rolled back")
    }
}
