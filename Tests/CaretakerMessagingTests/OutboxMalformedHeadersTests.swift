import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// An outbox row whose stored headers are not a JSON object of strings is never published with
/// the bad headers left out: it is parked with the reason, logged without any header value, and
/// not claimed again, while the rows beside it go out as usual.
@Suite(.serialized) struct OutboxMalformedHeadersTests {
    @Test(.requiring(.postgres, .rabbitmq)) func rowsWithMalformedHeadersAreParkedWithAReasonAndTheRestPublished() async throws {
        try await ScratchDatabase.with("outbox_malformed") { database in
            try await ScratchVirtualHost.with("outbox-malformed") { vhost in
                let connection = try await database.connect()
                _ = try await MigrationRunner().migrate(on: connection)
                let broker = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
                try await OutboxReturnTests.declare(broker)
                _ = try await connection.execute("""
                    INSERT INTO outbox (message_id, exchange, routing_key, headers, body) VALUES
                        ('ev-good', \(ExchangeName.events), 'engineering.case.created', '{"x-caretaker-reason":"ok"}',
                         convert_to('{"n":1}', 'UTF8')),
                        ('ev-number', \(ExchangeName.events), 'engineering.case.created', '{"x-attempt":13800001234}',
                         convert_to('{"n":2}', 'UTF8')),
                        ('ev-array', \(ExchangeName.events), 'engineering.case.created', '["王小明"]',
                         convert_to('{"n":3}', 'UTF8'))
                    """)

                let lines = OutboxReturnTests.Lines()
                let relay = try OutboxReturnTests.Relay(url: vhost.url, database: try await database.connect(), lines: lines)
                try await eventually("the good row sent", timeout: .seconds(20)) {
                    try await OutboxReturnTests.row("ev-good", connection).sent
                }
                // Several more polls: parked rows must not be claimed again.
                try await Task.sleep(for: .milliseconds(500))
                let stopping = ContinuousClock.now
                await relay.stop()
                #expect(ContinuousClock.now - stopping < .seconds(5), "parked rows do not hold up the flush")

                let number = try await OutboxReturnTests.row("ev-number", connection)
                #expect(!number.sent && number.outcome == "malformed" && number.attempts == 1)
                #expect(number.error == "malformed headers: x-attempt is a number, not a string")
                let array = try await OutboxReturnTests.row("ev-array", connection)
                #expect(!array.sent && array.outcome == "malformed" && array.attempts == 1)
                #expect(array.error == "malformed headers: array instead of an object")
                #expect(relay.relay.statistics.snapshot.parked == 2)
                #expect(relay.relay.statistics.snapshot.confirmed == 1)
                #expect(try await OutboxStore().readyBacklog(on: connection) == 0)
                #expect(try await OutboxStore().backlog(on: connection) == 2, "parked rows still count as unsent")

                let parkedLines = lines.all.filter { $0.contains("outbox event parked") }
                #expect(parkedLines.count == 2)
                #expect(parkedLines.contains { $0.contains(#""message_id":"ev-number""#) && $0.contains(#""header":"x-attempt""#)
                    && $0.contains(#""reason":"not_a_string""#) })
                #expect(parkedLines.contains { $0.contains(#""message_id":"ev-array""#) && $0.contains(#""reason":"not_an_object""#) })
                #expect(!lines.all.joined().contains("13800001234") && !lines.all.joined().contains("王小明"))

                // The good row went out with its header.
                try await broker.consume(queue: Topology.eventQueue(for: .engineering))
                guard case .delivery(let delivery) = try await broker.nextEvent(timeout: .seconds(5)) else {
                    Issue.record("the good row was not delivered")
                    return
                }
                #expect(delivery.properties.messageID == "ev-good")
                #expect(delivery.properties.headers?["x-caretaker-reason"] == .string("ok"))

                await broker.close()
                await connection.close()
            }
        }
    }
}
