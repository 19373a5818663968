import CaretakerCore
import Foundation
import Postgres

/// Lists rejected messages and replays them once ops fixed the cause.
///
/// A replay does not publish directly: it writes the stored bytes into the outbox (to
/// `caretaker.intake` or `caretaker.commands`, with the original routing key) in the same
/// transaction that marks the row replayed, so the running workers' relay publishes it with
/// confirms like every other message.
public struct DeadLetterStore: Sendable {
    /// Creates a store.
    public init() {}

    /// The newest rejected messages first, optionally only one source or only unreplayed ones.
    public func list(limit: Int, source: String?, includeReplayed: Bool,
                     on connection: PostgresConnection) async throws -> [DeadLetter] {
        let rows = try await connection.query("""
            SELECT id, source, message_id, routing_key, field, reason, detail,
                   rejected_at, replayed_at, octet_length(body)::int8 AS size
            FROM rejected_messages
            WHERE (\(source)::text IS NULL OR source = \(source))
              AND (\(includeReplayed) OR replayed_at IS NULL)
            ORDER BY id DESC LIMIT \(limit)
            """)
        return try rows.map { row in
            DeadLetter(
                id: try row.decode("id", as: Int64.self), source: try row.decode("source", as: String.self),
                messageID: try row.decode("message_id", as: String?.self),
                routingKey: try row.decode("routing_key", as: String?.self),
                field: try row.decode("field", as: String?.self) ?? "", reason: try row.decode("reason", as: String.self),
                detail: try row.decode("detail", as: String.self),
                rejectedAt: RFC3339Timestamp(try row.decode("rejected_at", as: Date.self)),
                replayedAt: try row.decode("replayed_at", as: Date?.self).map { RFC3339Timestamp($0) },
                size: try row.decode("size", as: Int.self))
        }
    }

    /// What happened to one id asked to be replayed.
    public enum ReplayResult: Sendable, Equatable {
        /// Queued in the outbox for publishing.
        case queued
        /// No such row.
        case notFound
        /// Replayed before; pass `force` to replay again.
        case alreadyReplayed
    }

    /// Queues the given rows for republishing; returns a result per id, in order.
    public func replay(ids: [Int64], force: Bool, on connection: PostgresConnection) async throws -> [ReplayResult] {
        try await connection.withTransaction { transaction in
            var results: [ReplayResult] = []
            for id in ids {
                let found = try await transaction.query("""
                    SELECT source, message_id, routing_key, body, replayed_at IS NOT NULL AS replayed
                    FROM rejected_messages WHERE id = \(id) FOR UPDATE
                    """)
                guard let row = found.rows.first else {
                    results.append(.notFound)
                    continue
                }
                if try row.decode("replayed", as: Bool.self), !force {
                    results.append(.alreadyReplayed)
                    continue
                }
                let source = try row.decode("source", as: String.self)
                let attempt = try await transaction.query(
                    "SELECT count(*)::int8 AS n FROM outbox WHERE message_id LIKE \("replay-\(id)-%")").single()
                    .decode("n", as: Int.self)
                let message = OutboxMessage(
                    messageID: "replay-\(id)-\(attempt + 1)",
                    exchange: source == "command" ? ExchangeName.commands : ExchangeName.intake,
                    routingKey: try row.decode("routing_key", as: String?.self) ?? "",
                    correlationID: try row.decode("message_id", as: String?.self),
                    headers: ["x-caretaker-replay-of": String(id)],
                    body: [UInt8](try row.decode("body", as: Data.self)))
                try await OutboxSQL.insert([message], in: transaction)
                try await transaction.execute("UPDATE rejected_messages SET replayed_at = now() WHERE id = \(id)")
                results.append(.queued)
            }
            return results
        }
    }
}
