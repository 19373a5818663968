import CaretakerCore
import Foundation
import Postgres

/// Claims unsent outbox rows and marks them after the broker answered.
///
/// Rows are claimed `FOR UPDATE SKIP LOCKED` inside a transaction that stays open while they are
/// published and confirmed, so several relays (one per worker instance) share the table without
/// publishing a row twice; a relay that dies mid-way releases its rows by the transaction's
/// rollback, and they are published again (consumers deduplicate on `message_id`).
///
/// A row the broker returned (unroutable: no queue bound for its routing key) or refused stays
/// unsent with `last_outcome` set, and is not claimed again before `retry_at`: one second after
/// the first failure, doubling with each attempt up to `maximumRetryDelay`. It is never given
/// up: once its queue exists again it is delivered. A row whose stored headers are malformed is
/// parked, never published with some of them missing (see ``ParkedOutboxRow``).
public struct OutboxStore: Sendable {
    /// The longest wait between two attempts at a returned or refused row.
    public var maximumRetryDelay: Duration

    /// Creates a store.
    public init(maximumRetryDelay: Duration = .seconds(300)) {
        self.maximumRetryDelay = maximumRetryDelay
    }

    /// Claims up to `limit` unsent rows in id order, hands them to `publish`, and records its
    /// results, all in one transaction.
    ///
    /// A claimed row whose headers cannot be read back (see ``OutboxHeadersError``) is not
    /// published but parked in the same transaction and listed in the pass, for the caller to
    /// report. If `publish` throws (the broker went away), nothing is marked, parked rows
    /// included, and the rows stay unsent.
    public func relay(
        limit: Int, on connection: PostgresConnection,
        publish: @escaping @Sendable ([OutboxRow]) async throws -> [Int64: OutboxResult]
    ) async throws -> OutboxRelayPass {
        try await connection.withTransaction { transaction in
            let (rows, parked) = try await claim(limit: limit, in: transaction)
            let pass = OutboxRelayPass(claimed: rows.count + parked.count, parked: parked)
            try await park(parked, in: transaction)
            guard !rows.isEmpty else { return pass }
            let results = try await publish(rows)
            try await settle(results, in: transaction)
            return pass
        }
    }

    /// How many rows wait to be published.
    public func backlog(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL").single()
            .decode("n", as: Int.self)
    }

    /// How many rows could be published now: unsent and not waiting for a retry after the broker
    /// returned or refused them (what a relay flushes before it stops).
    public func readyBacklog(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("""
            SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL AND (retry_at IS NULL OR retry_at <= now())
            """).single().decode("n", as: Int.self)
    }

    /// How many unsent rows the broker returned as unroutable at their last attempt.
    public func returnedBacklog(on connection: PostgresConnection) async throws -> Int {
        try await connection.query("""
            SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL AND last_outcome = 'returned'
            """).single().decode("n", as: Int.self)
    }

    private func claim(limit: Int, in transaction: PostgresTransaction) async throws
        -> (rows: [OutboxRow], parked: [ParkedOutboxRow]) {
        let result = try await transaction.query("""
            SELECT id, message_id, exchange, routing_key, case_id::text AS case_id, correlation_id, content_type,
                   headers::text AS headers, body, attempts
            FROM outbox WHERE sent_at IS NULL AND (retry_at IS NULL OR retry_at <= now())
            ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        var rows: [OutboxRow] = []
        var parked: [ParkedOutboxRow] = []
        for row in result {
            let id = try row.decode("id", as: Int64.self)
            let messageID = try row.decode("message_id", as: String.self)
            let exchange = try row.decode("exchange", as: String.self)
            let routingKey = try row.decode("routing_key", as: String.self)
            let headers: [String: String]
            do {
                headers = try OutboxHeaders.parse(try row.decode("headers", as: String.self))
            } catch let error as OutboxHeadersError {
                parked.append(ParkedOutboxRow(id: id, messageID: messageID, exchange: exchange, routingKey: routingKey,
                                              reason: error))
                continue
            }
            let message = OutboxMessage(
                messageID: messageID, exchange: exchange, routingKey: routingKey,
                caseID: try row.decode("case_id", as: String?.self),
                correlationID: try row.decode("correlation_id", as: String?.self),
                contentType: try row.decode("content_type", as: String.self),
                headers: headers,
                body: [UInt8](try row.decode("body", as: Data.self)))
            rows.append(OutboxRow(id: id, message: message, attempts: try row.decode("attempts", as: Int.self)))
        }
        return (rows, parked)
    }

    /// Sets `parked` aside until repaired: `retry_at = 'infinity'` keeps every relay's claim and
    /// the shutdown flush away from them, while `backlog` still counts them.
    private func park(_ parked: [ParkedOutboxRow], in transaction: PostgresTransaction) async throws {
        guard !parked.isEmpty else { return }
        let json = PostgresJSON(rawText: JSONValue.array(parked.map {
            .object([("id", .number(Double($0.id))), ("error", .string($0.reason.description))])
        }).serialized)
        try await transaction.execute("""
            UPDATE outbox SET attempts = attempts + 1, last_error = r.error, last_outcome = 'malformed',
                   retry_at = 'infinity'
            FROM jsonb_to_recordset(\(json)) AS r(id bigint, error text)
            WHERE outbox.id = r.id AND outbox.sent_at IS NULL
            """)
    }

    private func settle(_ results: [Int64: OutboxResult], in transaction: PostgresTransaction) async throws {
        var sent: [Int64] = []
        var failed: [JSONValue] = []
        for (id, result) in results {
            switch result {
            case .confirmed:
                sent.append(id)
            case .returned(let reason):
                failed.append(.object([("id", .number(Double(id))), ("outcome", .string("returned")),
                                       ("error", .string(reason))]))
            case .refused(let reason):
                failed.append(.object([("id", .number(Double(id))), ("outcome", .string("refused")),
                                       ("error", .string(reason))]))
            }
        }
        if !sent.isEmpty {
            try await transaction.execute("""
                UPDATE outbox SET sent_at = now(), retry_at = NULL WHERE id = ANY(\(sent))
                """)
        }
        if !failed.isEmpty {
            let json = PostgresJSON(rawText: JSONValue.array(failed).serialized)
            let maximumSeconds = Double(maximumRetryDelay.components.seconds)
                + Double(maximumRetryDelay.components.attoseconds) / 1e18
            try await transaction.execute("""
                UPDATE outbox SET attempts = attempts + 1, last_error = r.error, last_outcome = r.outcome,
                       retry_at = now() + make_interval(secs => least(\(maximumSeconds)::float8,
                                                                  power(2, least(attempts, 30))::float8))
                FROM jsonb_to_recordset(\(json)) AS r(id bigint, outcome text, error text)
                WHERE outbox.id = r.id AND outbox.sent_at IS NULL
                """)
        }
    }
}
