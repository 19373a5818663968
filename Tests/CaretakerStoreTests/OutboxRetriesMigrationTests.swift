import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// Migration 4 (`outbox_retries`) gives back the events earlier builds marked sent although the
/// broker had returned them.
@Suite(.serialized) struct OutboxRetriesMigrationTests {
    @Test(.requiring(.postgres)) func rowsMarkedSentAfterAReturnBecomeUnsentAgain() async throws {
        try await ScratchDatabase.with("outbox_retries_migration") { database in
            let connection = try await database.connect()
            let before = Array(Migration.all.prefix { $0.name != "outbox_retries" })
            _ = try await MigrationRunner(migrations: before).migrate(on: connection)
            _ = try await connection.execute("""
                INSERT INTO outbox (message_id, exchange, routing_key, body, sent_at, attempts, last_error) VALUES
                    ('confirmed', 'caretaker.events', 'engineering.case.created', '\\x7b7d', now(), 0, NULL),
                    ('returned', 'caretaker.events', 'security.case.created', '\\x7b7d', now(), 1, 'returned 312 NO_ROUTE'),
                    ('refused', 'caretaker.events', 'security.case.created', '\\x7b7d', NULL, 2, 'nacked by the broker'),
                    ('waiting', 'caretaker.events', 'security.case.created', '\\x7b7d', NULL, 0, NULL)
                """)
            _ = try await MigrationRunner().migrate(on: connection)
            let rows = try await connection.query("""
                SELECT message_id, sent_at IS NOT NULL AS sent, coalesce(last_outcome, '-') AS outcome FROM outbox ORDER BY id
                """).map { "\(try $0.decode("message_id", as: String.self)) \(try $0.decode("sent", as: Bool.self)) "
                    + (try $0.decode("outcome", as: String.self)) }
            #expect(rows == ["confirmed true -", "returned false returned", "refused false refused", "waiting false -"])
            #expect(try await OutboxStore().returnedBacklog(on: connection) == 1)
            await connection.close()
        }
    }
}
