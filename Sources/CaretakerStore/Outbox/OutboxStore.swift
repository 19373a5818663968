import CaretakerCore
import Foundation
import Postgres

/// Claims unsent outbox rows and marks them after the broker answered.
///
/// Rows are claimed `FOR UPDATE SKIP LOCKED` inside a transaction that stays open while they are
/// published and confirmed, so several relays (one per worker instance) share the table without
/// publishing a row twice; a relay that dies mid-way releases its rows by the transaction's
/// rollback, and they are published again (consumers deduplicate on `message_id`).
public struct OutboxStore: Sendable {
    /// Creates a store.
    public init() {}

    /// Claims up to `limit` unsent rows in id order, hands them to `publish`, and records its
    /// results, all in one transaction. Returns how many rows were claimed.
    ///
    /// If `publish` throws (the broker went away), nothing is marked and the rows stay unsent.
    public func relay(
        limit: Int, on connection: PostgresConnection,
        publish: @escaping @Sendable ([OutboxRow]) async throws -> [Int64: OutboxResult]
    ) async throws -> Int {
        try await connection.withTransaction { transaction in
            let rows = try await claim(limit: limit, in: transaction)
            guard !rows.isEmpty else { return 0 }
            let results = try await publish(rows)
            try await settle(results, in: transaction)
            return rows.count
        }
    }

    /// How many rows wait to be published.
    public func backlog(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL").single()
            .decode("n", as: Int.self)
    }

    private func claim(limit: Int, in transaction: PostgresTransaction) async throws -> [OutboxRow] {
        let result = try await transaction.query("""
            SELECT id, message_id, exchange, routing_key, case_id::text AS case_id, correlation_id, content_type,
                   headers::text AS headers, body, attempts
            FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        return try result.map { row in
            let headersText = try row.decode("headers", as: String.self)
            var headers: [String: String] = [:]
            if case .object(let members)? = try? JSONParser.parse(Array(headersText.utf8)) {
                for member in members {
                    if case .string(let value) = member.value { headers[member.key] = value }
                }
            }
            let message = OutboxMessage(
                messageID: try row.decode("message_id", as: String.self),
                exchange: try row.decode("exchange", as: String.self),
                routingKey: try row.decode("routing_key", as: String.self),
                caseID: try row.decode("case_id", as: String?.self),
                correlationID: try row.decode("correlation_id", as: String?.self),
                contentType: try row.decode("content_type", as: String.self),
                headers: headers,
                body: [UInt8](try row.decode("body", as: Data.self)))
            return OutboxRow(id: try row.decode("id", as: Int64.self), message: message,
                             attempts: try row.decode("attempts", as: Int.self))
        }
    }

    private func settle(_ results: [Int64: OutboxResult], in transaction: PostgresTransaction) async throws {
        var sent: [Int64] = []
        var notes: [JSONValue] = []
        var failed: [JSONValue] = []
        for (id, result) in results {
            switch result {
            case .confirmed:
                sent.append(id)
            case .returned(let reason):
                sent.append(id)
                notes.append(.object([("id", .number(Double(id))), ("error", .string(reason))]))
            case .refused(let reason):
                failed.append(.object([("id", .number(Double(id))), ("error", .string(reason))]))
            }
        }
        if !sent.isEmpty {
            try await transaction.execute("UPDATE outbox SET sent_at = now() WHERE id = ANY(\(sent))")
        }
        for (rows, sentToo) in [(notes, true), (failed, false)] where !rows.isEmpty {
            let json = PostgresJSON(rawText: JSONText.serialize(.array(rows)))
            try await transaction.execute("""
                UPDATE outbox SET attempts = attempts + 1, last_error = r.error
                FROM jsonb_to_recordset(\(json)) AS r(id bigint, error text)
                WHERE outbox.id = r.id AND (\(sentToo) OR outbox.sent_at IS NULL)
                """)
        }
    }
}
