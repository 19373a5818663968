internal import CLibPQ

/// One request sent in a pipeline.
enum PipelineCommand {
    case prepare(name: String, sql: String, types: [PostgresDataType])
    case executePrepared(name: String, values: [String?])
    case execute(sql: String, types: [PostgresDataType], values: [String?])
}

extension ConnectionHandle {
    /// Sends every command, then one Sync, and reads one outcome per command: a single round trip.
    ///
    /// Commands after a failed one are skipped by the server and reported as `25P02`. Outside an
    /// explicit transaction the server runs all of them in one implicit transaction. The whole
    /// batch is written before any result is read, so keep batches moderate (hundreds of
    /// statements, not megabytes) to stay within the socket buffers.
    func runPipeline(_ commands: [PipelineCommand]) throws(PostgresError) -> [Result<PostgresResult, PostgresError>] {
        guard PQenterPipelineMode(pointer) == 1 else { throw failure(for: nil) }
        defer { PQexitPipelineMode(pointer) }
        for command in commands {
            let sent: Int32
            switch command {
            case .prepare(let name, let sql, let types):
                sent = PQsendPrepare(pointer, name, sql, Int32(types.count), types.map(\.rawValue))
            case .executePrepared(let name, let values):
                sent = Self.withParameterPointers(values) { parameters in
                    PQsendQueryPrepared(pointer, name, Int32(values.count), parameters, nil, nil, 0)
                }
            case .execute(let sql, let types, let values):
                let oids = types.map(\.rawValue)
                sent = Self.withParameterPointers(values) { parameters in
                    PQsendQueryParams(pointer, sql, Int32(values.count), oids, parameters, nil, nil, 0)
                }
            }
            guard sent == 1 else { throw failure(for: nil) }
        }
        guard PQpipelineSync(pointer) == 1, PQflush(pointer) == 0 else { throw failure(for: nil) }

        var outcomes: [Result<PostgresResult, PostgresError>] = []
        outcomes.reserveCapacity(commands.count)
        for _ in commands {
            guard let result = PQgetResult(pointer) else { throw failure(for: nil) }
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                outcomes.append(.failure(Self.skipped))
            } else {
                do throws(PostgresError) {
                    outcomes.append(.success(try take(result)))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            // Each command's results end with a NULL.
            while let extra = PQgetResult(pointer) { PQclear(extra) }
        }
        while true {
            guard let result = PQgetResult(pointer) else { throw failure(for: nil) }
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        return outcomes
    }

    private static var skipped: PostgresError {
        PostgresError(
            kind: .server, code: .inFailedSQLTransaction, reason: "skipped after an earlier failure in the pipeline")
    }
}
