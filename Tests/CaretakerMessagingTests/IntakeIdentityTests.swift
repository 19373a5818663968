import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// The intake consumer enforcing the shipped parties: only the hotline's reports become cases.
@Suite(.serialized, .requiring(.postgres, .rabbitmq))
struct IntakeIdentityTests {
    @Test func reportsWithoutTheHotlinesUserIDAreDeadLetteredAsNotAuthenticated() async throws {
        let policy = try AuthorizedCommandTests.policy()
        try await PipelineHarness.run("intake-identity", authorization: policy) { harness in
            try await harness.waitUntilConsuming()
            try PartyLogin.grant(on: harness.vhost)
            let now = RFC3339Timestamp(Date())
            let hotline = try await IntakePublisher(configuration: AMQPConfiguration(
                url: PartyLogin.url(PartyLogin.hotline, vhost: harness.vhost)))
            try await hotline.publish(SampleReports.make(1, messageID: "from-hotline-1", receivedAt: now))
            try await hotline.publish(SampleReports.make(2, messageID: "from-hotline-2", receivedAt: now))
            try await hotline.flush()
            await hotline.close()
            // guest is no party: its user_id is valid for the broker, unknown to the worker.
            let guest = try await IntakePublisher(configuration: AMQPConfiguration(url: harness.vhost.url))
            try await guest.publish(SampleReports.make(3, messageID: "from-guest", receivedAt: now))
            try await guest.flush()
            await guest.close()
            // No user_id at all.
            let bare = try await harness.hotline()
            try await harness.publish([(routingKey: "repair", body: SampleReports.make(4, messageID: "no-user-id", receivedAt: now)
                .json.serializedUTF8, messageID: "no-user-id")], on: bare)
            await bare.close()

            try await eventually("four reports handled", timeout: .seconds(20)) {
                harness.consumer.statistics.snapshot.acked == 4
            }
            #expect(try await harness.count("SELECT count(*)::int8 FROM cases") == 2)
            let reasons = try await harness.admin.query(
                "SELECT message_id, reason, field FROM rejected_messages WHERE source = 'intake' ORDER BY message_id").rows
                .map { "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: String.self)) \(try $0.decode(2, as: String.self))" }
            #expect(reasons == ["from-guest not_authenticated user_id", "no-user-id not_authenticated user_id"])
            #expect(harness.consumer.statistics.snapshot.notAuthenticated == 2)
            try await eventually("both dead letters published", timeout: .seconds(20)) {
                let connection = try await AMQPConnection.connect(AMQPConfiguration(url: harness.vhost.url))
                let count = try await connection.inspectQueue(Topology.deadLetterQueue).messageCount
                await connection.close()
                return count == 2
            }
        }
    }
}
