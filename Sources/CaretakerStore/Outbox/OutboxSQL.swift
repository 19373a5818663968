import CaretakerCore
import Postgres

/// Writes outbox rows inside the caller's transaction.
enum OutboxSQL {
    /// Inserts `messages` in order with one statement.
    ///
    /// A message whose id is already in the outbox is skipped: ids that are derived from what
    /// they announce (a timer's escalation) make a second copy impossible.
    static func insert(_ messages: [OutboxMessage], in transaction: PostgresTransaction) async throws {
        guard let statement = insertStatement(messages) else { return }
        try await transaction.execute(statement)
    }

    /// The statement that inserts `messages` in order, or `nil` when there are none (for a pipeline).
    static func insertStatement(_ messages: [OutboxMessage]) -> SQLQuery? {
        guard !messages.isEmpty else { return nil }
        let rows = PostgresJSON(rawText: JSONValue.array(messages.map(\.rowJSON)).serialized)
        return """
            INSERT INTO outbox (message_id, exchange, routing_key, case_id, correlation_id, content_type, headers, body)
            SELECT r.message_id, r.exchange, r.routing_key, r.case_id, r.correlation_id, r.content_type,
                   r.headers, coalesce(convert_to(r.body_text, 'UTF8'), decode(r.body_hex, 'hex'))
            FROM ROWS FROM (jsonb_to_recordset(\(rows)) AS (
                message_id text, exchange text, routing_key text, case_id uuid, correlation_id text,
                content_type text, headers jsonb, body_text text, body_hex text)) WITH ORDINALITY AS r(
                message_id, exchange, routing_key, case_id, correlation_id, content_type, headers, body_text, body_hex, n)
            ORDER BY r.n
            ON CONFLICT (message_id) DO NOTHING
            """
    }
}
