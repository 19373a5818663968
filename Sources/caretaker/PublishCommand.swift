import ArgumentParser
import CaretakerApp
import CaretakerCore
import Foundation

/// `caretaker publish`: sends intake messages as the hotline system would, for smoke tests
/// after a deploy and for the demo.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish intake messages to caretaker.intake (JSON lines, or built-in samples).",
        discussion: """
            With files (or - for standard input) each non-blank line is published as is (a file \
            holding one JSON document over several lines, like the README's examples, is published \
            as one message), with the \
            routing key taken from its "kind" and the message id from its "message_id"; with \
            --command NAME the lines are console commands sent to caretaker.commands. With \
            --samples N, N realistic sample reports are published under fresh ids. Every message \
            is persistent and mandatory, and the command waits for the broker's confirms.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Publish this many built-in sample reports.")
    var samples: Int?

    @Option(help: "Message id prefix for samples (default: sample-<time>).")
    var prefix: String?

    @Option(help: "Stamp samples in a sped-up worker's time: the worker's --time-scale.")
    var timeScale: Double = 1

    @Option(help: "With --time-scale: the worker's --clock-origin (Unix seconds).")
    var clockOrigin: Int?

    @Option(help: "Messages per second (0 = as fast as the broker confirms).")
    var rate: Double = 0

    @Option(help: "Publish the lines as console commands with this name (routing key) to caretaker.commands.")
    var command: String?

    @Argument(help: "Files of JSON lines; - reads standard input.")
    var files: [String] = []

    func validate() throws {
        guard (samples == nil) != files.isEmpty else {
            throw ValidationError("give either --samples N or files of JSON lines")
        }
        if let command, CaseAction.Name(rawValue: command) == nil {
            throw ValidationError("unknown command \(command); use one of \(CaseAction.allRawNames.joined(separator: ", "))")
        }
        if command != nil, samples != nil { throw ValidationError("--command publishes files of commands, not samples") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        guard rate >= 0 else { throw ValidationError("--rate must not be negative") }
        guard timeScale > 0, timeScale.isFinite else { throw ValidationError("--time-scale must be positive") }
    }

    func run() async throws {
        let configuration = try await options.load(command: "publish")
        let publisher = try await IntakePublisher(
            configuration: configuration.amqp.amqpConfiguration(connectionName: "caretaker-publish"))
        var pacer = Pacer(rate: rate)
        var sent = 0
        var progress = ContinuousClock.now
        func tick() async {
            sent += 1
            await pacer.wait()
            if ContinuousClock.now - progress > .seconds(1) {
                progress = ContinuousClock.now
                StandardStreams.writeError("published \(sent)\n")
            }
        }
        if let samples {
            let prefix = self.prefix ?? "sample-\(Int(Date().timeIntervalSince1970))"
            let clock = WorkerClock(
                timeScale: timeScale, origin: clockOrigin.map { Date(timeIntervalSince1970: Double($0)) } ?? Date())
            for index in 0..<samples {
                try await publisher.publish(SampleReports.make(index, messageID: "\(prefix)-\(index)", receivedAt: clock.now()))
                await tick()
            }
        } else {
            for file in files {
                for line in try Self.messages(of: file) where !line.allSatisfy(\.isWhitespace) {
                    let body = Array(line.utf8)
                    let parsed = try? JSONParser.parse(body)
                    var kind = "complaint"
                    if case .string(let value)? = parsed?["kind"] { kind = value }
                    var id: String?
                    if case .string(let value)? = parsed?["message_id"] ?? parsed?["command_id"] { id = value }
                    if let command {
                        try await publisher.publish(body: body, messageID: id, routingKey: command,
                                                    exchange: ExchangeName.commands)
                    } else {
                        try await publisher.publish(body: body, messageID: id, routingKey: kind)
                    }
                    await tick()
                }
            }
        }
        try await publisher.flush()
        await publisher.close()
        print("published \(sent) message(s), all confirmed")
    }

    /// The messages of `file`: the whole file when it is one JSON document (pretty-printed over
    /// several lines, say), else each line (JSON lines; a bad line is published as is, for the
    /// worker to dead-letter).
    static func messages(of file: String) throws -> [Substring] {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
            : try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        if lines.count > 1, case .object? = try? JSONParser.parse(Array(text.utf8)) {
            return [text.trimmingCharacters(in: .whitespacesAndNewlines)[...]]
        }
        return lines
    }
}

/// Spaces publishes evenly at a target rate.
struct Pacer {
    let interval: Duration?
    var next = ContinuousClock.now

    init(rate: Double) {
        interval = rate > 0 ? .nanoseconds(Int64(1e9 / rate)) : nil
    }

    mutating func wait() async {
        guard let interval else { return }
        next += interval
        if next > ContinuousClock.now { try? await Task.sleep(until: next, clock: .continuous) }
    }
}
