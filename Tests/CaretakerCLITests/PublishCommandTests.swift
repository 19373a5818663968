import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker publish FILE` takes the README's examples as written: JSON lines, or one JSON
/// document over several lines.
@Suite(.serialized) struct PublishCommandTests {
    @Test(.requiring(.rabbitmq)) func aPrettyPrintedDocumentIsOneMessageAndJSONLinesAreOneEach() async throws {
        let vhost = try ScratchVirtualHost.create("publish")
        defer { try? vhost.delete() }
        let broker = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        try await Self.declare(on: broker)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pretty = folder.appendingPathComponent("report.json")
        try """
            {"message_id": "readme-1", "kind": "repair", "text": "3号楼2单元电梯困人了，快来人！",
             "received_at": "2026-11-02T08:15:00+08:00", "channel": "hotline"}

            """.write(to: pretty, atomically: true, encoding: .utf8)
        let lines = folder.appendingPathComponent("reports.jsonl")
        try """
            {"message_id": "line-1", "kind": "complaint", "text": "楼下噪音", "received_at": "2026-11-02T08:15:00+08:00", "channel": "app"}
            {"message_id": "line-2", "kind": "repair", "text": "灯坏了", "received_at": "2026-11-02T08:15:00+08:00", "channel": "app"}

            """.write(to: lines, atomically: true, encoding: .utf8)
        let environment = ["CARETAKER_AMQP_URL": vhost.url]

        let one = try await CaretakerBinary.run(["publish", pretty.path], environment: environment)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("published 1 message(s), all confirmed"), "\(one.stdout)")
        let two = try await CaretakerBinary.run(["publish", lines.path], environment: environment)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("published 2 message(s), all confirmed"), "\(two.stdout)")
        #expect(try await broker.inspectQueue(Topology.intakeQueue).messageCount == 3)
        await broker.close()
    }

    private static func declare(on connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
    }
}
