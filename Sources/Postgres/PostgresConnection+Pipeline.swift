extension PostgresConnection {
    /// Runs several statements in one round trip (libpq pipeline mode) and returns their results in order.
    ///
    /// Outside ``withTransaction(isolation:readOnly:_:)`` the statements form one implicit
    /// transaction: all commit together, or none does. Inside a transaction they join it. When a
    /// statement fails, the later ones are skipped and the first failure is thrown (its `reason`
    /// says which statement). Statements are prepared and cached as with ``query(_:)``, in the
    /// same round trip. Keep a batch to a few hundred statements: it is written before any
    /// result is read.
    public func pipeline(_ queries: [SQLQuery]) async throws -> [PostgresResult] {
        await waitForTurn()
        return try runPipeline(queries)
    }

    /// The pipeline inside the transaction `id`, refusing a handle that outlived its transaction.
    func pipeline(_ queries: [SQLQuery], inTransaction id: UInt64) throws -> [PostgresResult] {
        guard activeTransaction == id else {
            throw PostgresError.usage("transaction handle used after its transaction ended")
        }
        return try runPipeline(queries)
    }

    private func runPipeline(_ queries: [SQLQuery]) throws(PostgresError) -> [PostgresResult] {
        guard !queries.isEmpty else { return [] }
        let handle = try connectedHandle()
        if statements.count + queries.count > statements.capacity, handle.transactionState == .idle {
            do {
                _ = try handle.execute("DEALLOCATE ALL")
            } catch {
                dropIfBroken(error)
                throw error
            }
            statements.removeAll()
        }
        var commands: [PipelineCommand] = []
        var executeIndex: [Int] = []
        var owner: [Int] = []
        var preparing: [StatementCache.Key: (name: String, commandIndex: Int)] = [:]
        for query in queries {
            var values: [String?] = []
            var types: [PostgresDataType] = []
            for binding in query.bindings {
                switch binding.value {
                case .success(let value): values.append(value)
                case .failure(let error): throw error
                }
                types.append(binding.type)
            }
            let key = StatementCache.Key(sql: query.sql, types: types)
            if let name = statements.name(for: key) ?? preparing[key]?.name {
                commands.append(.executePrepared(name: name, values: values))
            } else if statements.count + preparing.count < statements.capacity {
                let name = statements.makeName()
                preparing[key] = (name, commands.count)
                commands.append(.prepare(name: name, sql: key.sql, types: types))
                commands.append(.executePrepared(name: name, values: values))
            } else {
                commands.append(.execute(sql: key.sql, types: types, values: values))
            }
            executeIndex.append(commands.count - 1)
            owner += Array(repeating: executeIndex.count, count: commands.count - owner.count)
        }
        let outcomes: [Result<PostgresResult, PostgresError>]
        do {
            outcomes = try handle.runPipeline(commands)
        } catch {
            dropIfBroken(error)
            throw error
        }
        for (key, prepared) in preparing {
            if case .success = outcomes[prepared.commandIndex] { statements.insert(prepared.name, for: key) }
        }
        // The first failure is the cause; everything after it was skipped.
        for (index, outcome) in outcomes.enumerated() {
            guard case .failure(let error) = outcome else { continue }
            throw PostgresError(
                kind: error.kind, code: error.code, constraint: error.constraint, table: error.table,
                column: error.column, serverMessage: error.serverMessage, detail: error.detail, hint: error.hint,
                reason: "statement \(owner[index]) of \(queries.count) in the pipeline"
                    + (error.reason.map { ": \($0)" } ?? ""))
        }
        var results: [PostgresResult] = []
        results.reserveCapacity(queries.count)
        for index in executeIndex {
            if case .success(let result) = outcomes[index] { results.append(result) }
        }
        return results
    }
}
