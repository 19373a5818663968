import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker watch` is a diagnostic: it prints copies and never takes an event from a console.
@Suite(.serialized) struct WatchCommandTests {
    @Test(.requiring(.rabbitmq)) func watchRedirectedToAFileKeepsEveryLineAndLeavesTheConsolesTheirEvents() async throws {
        let vhost = try ScratchVirtualHost.create("watch")
        defer { try? vhost.delete() }
        let broker = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        try await Self.declareWorkerTopology(on: broker)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }

        // `caretaker watch --dead-letters --summary > file`, as an operator would run it.
        let watch = try Self.startWatch(["--audience", "engineering", "security", "--dead-letters", "--summary"],
                                        url: vhost.url, output: output)
        try await Task.sleep(for: .seconds(3))
        try await Self.publishEvent("case.created", number: "BX-20261203-000001", audience: "engineering", on: broker)
        try await Self.publishEvent("reminder", number: "BX-20261203-000001", audience: "engineering", on: broker)
        try await Self.publishEvent("case.created", number: "BX-20261203-000002", audience: "security", on: broker)
        try await Self.publishDeadLetter(on: broker)

        // Each line is in the file while watch still runs: nothing waits in a buffer.
        var printed = ""
        for _ in 0..<40 where printed.split(separator: "\n").count < 4 {
            try await Task.sleep(for: .milliseconds(250))
            printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
        #expect(watch.isRunning)
        #expect(printed.split(separator: "\n").count == 4, "\(printed)")
        #expect(printed.contains("BX-20261203-000002"))
        #expect(printed.contains("DEAD LETTER"))

        // Ctrl-C (SIGINT) stops it cleanly and prints the per-console summary.
        watch.interrupt()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        let final = try String(contentsOf: output, encoding: .utf8)
        #expect(final.contains("engineering: 2 events on 1 cases (1 case.created, 1 reminder)"), "\(final)")
        #expect(final.contains("security: 1 events on 1 cases (1 case.created)"), "\(final)")
        #expect(final.contains("dead letters: 1"), "\(final)")

        // The consoles' queues still hold everything: watch read its own copies.
        #expect(try await broker.inspectQueue(Topology.eventQueue(for: .engineering)).messageCount == 2)
        #expect(try await broker.inspectQueue(Topology.eventQueue(for: .security)).messageCount == 1)
        #expect(try await broker.inspectQueue(Topology.deadLetterQueue).messageCount == 1)
        await broker.close()
    }

    private static func declareWorkerTopology(on connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
        try connection.enableConfirms()
    }

    private static func publishEvent(
        _ type: String, number: String, audience: String, on connection: isolated AMQPConnection
    ) throws {
        let body = #"{"event_type":"\#(type)","audience":"\#(audience)","case_number":"\#(number)","department":"\#(audience)","category":"水电"}"#
        let sequence = try connection.publish(Array(body.utf8), exchange: ExchangeName.events,
                                              routingKey: "\(audience).\(type)", mandatory: true)
        try Self.awaitConfirm(sequence, on: connection)
    }

    private static func publishDeadLetter(on connection: isolated AMQPConnection) throws {
        var properties = AMQPMessageProperties()
        properties.headers = ["x-caretaker-reason": "invalid_json", "x-caretaker-source": "intake"]
        let sequence = try connection.publish(Array("not json".utf8), exchange: ExchangeName.deadLetters,
                                              routingKey: "", properties: properties)
        try Self.awaitConfirm(sequence, on: connection)
    }

    private static func awaitConfirm(_ sequence: UInt64, on connection: isolated AMQPConnection) throws {
        let events = try connection.waitForConfirms(timeout: .seconds(5))
        #expect(!events.contains { if case .returned = $0 { true } else { false } }, "publish \(sequence) was unroutable")
    }

    private static func startWatch(_ arguments: [String], url: String, output: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = try CaretakerBinary.url
        process.arguments = ["watch"] + arguments
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARETAKER_") }
        variables["CARETAKER_AMQP_URL"] = url
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.standardError
        try process.run()
        return process
    }
}
