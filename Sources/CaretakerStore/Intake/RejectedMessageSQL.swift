import CaretakerCore
import Postgres

/// Writes rows to `rejected_messages` inside the caller's transaction.
enum RejectedMessageSQL {
    /// Inserts `messages` with one statement; bodies travel in hex so any bytes survive.
    static func insert(_ messages: [RejectedMessage], in transaction: PostgresTransaction) async throws {
        guard let statement = insertStatement(messages) else { return }
        try await transaction.execute(statement)
    }

    /// The statement that inserts `messages`, or `nil` when there are none (for a pipeline).
    static func insertStatement(_ messages: [RejectedMessage]) -> SQLQuery? {
        guard !messages.isEmpty else { return nil }
        let rows = JSONValue.array(messages.map { message in
            .object([
                ("source", .string(message.source)),
                ("message_id", message.messageID.map(JSONValue.string) ?? .null),
                ("routing_key", .string(message.routingKey)),
                ("body_hex", .string(Hex.encode(message.body))),
                ("field", .string(message.field)),
                ("reason", .string(message.reason)),
                ("detail", .string(message.detail)),
            ])
        })
        return """
            INSERT INTO rejected_messages (source, message_id, routing_key, body, field, reason, detail)
            SELECT r.source, r.message_id, r.routing_key, decode(r.body_hex, 'hex'), r.field, r.reason, r.detail
            FROM jsonb_to_recordset(\(PostgresJSON(rawText: rows.serialized))) AS r(
                source text, message_id text, routing_key text, body_hex text, field text, reason text, detail text)
            """
    }
}
