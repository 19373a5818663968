import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

@Suite(.serialized) struct DeadLetterStoreTests {
    @Test(.requiring(.postgres)) func rejectedMessagesAreListedAndReplayedThroughTheOutboxOnce() async throws {
        try await ScratchDatabase.with("dead_letters") { database in
            let connection = try await database.connect()
            _ = try await MigrationRunner().migrate(on: connection)
            let body = Array(#"{"message_id":"m-9","kind":"repair","text":"灯坏了","received_at":"yesterday","channel":"hotline"}"#.utf8)
            let rejected = RejectedMessage(source: "intake", messageID: "m-9", routingKey: "repair", body: body,
                                           field: "received_at", reason: "invalid_timestamp", detail: "not RFC 3339")
            _ = try await IntakeRecorder().record([.rejected(rejected)], now: RFC3339Timestamp("2026-11-02T09:00:00+08:00")!,
                                                  on: connection)
            let store = DeadLetterStore()
            let listed = try await store.list(limit: 10, source: nil, includeReplayed: false, on: connection)
            #expect(listed.count == 1)
            let letter = try #require(listed.first)
            #expect(letter.reason == "invalid_timestamp")
            #expect(letter.field == "received_at")
            #expect(letter.messageID == "m-9")
            #expect(letter.size == body.count)
            #expect(try await store.list(limit: 10, source: "command", includeReplayed: false, on: connection).isEmpty)

            #expect(try await store.replay(ids: [letter.id, 999_999], force: false, on: connection) == [.queued, .notFound])
            #expect(try await store.replay(ids: [letter.id], force: false, on: connection) == [.alreadyReplayed])
            #expect(try await store.replay(ids: [letter.id], force: true, on: connection) == [.queued])
            let replays = try await connection.query("""
                SELECT exchange, routing_key, body FROM outbox WHERE message_id LIKE 'replay-%' ORDER BY id
                """)
            #expect(replays.count == 2)
            for row in replays {
                #expect(try row.decode("exchange", as: String.self) == ExchangeName.intake)
                #expect(try row.decode("routing_key", as: String.self) == "repair")
                #expect(try row.decode("body", as: Data.self) == Data(body))
            }
            #expect(try await store.list(limit: 10, source: nil, includeReplayed: false, on: connection).isEmpty)
            #expect(try await store.list(limit: 10, source: nil, includeReplayed: true, on: connection).count == 1)
            await connection.close()
        }
    }
}
