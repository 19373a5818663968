import AMQP
import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import Glibc
import UnixSignals

/// `caretaker watch`: prints the events the department consoles receive, one line each.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print copies of the events the consoles receive (and dead letters), one line each.",
        discussion: """
            Reads from queues of its own, bound beside the consoles' queues and deleted when it \
            exits: it never takes an event away from a console, so it is safe on a production \
            broker, and it shows only what is published while it runs. Each line is written as it \
            arrives, also into a pipe or a file. On SIGINT or SIGTERM (or after --seconds) it stops \
            and, with --summary, prints how many events each console received by kind. Residents' \
            contact details are never printed.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Stop after this many seconds (default: run until interrupted).")
    var seconds: Double?

    @Option(parsing: .upToNextOption, help: "Only these audiences (default: all of them).")
    var audience: [String] = []

    @Flag(help: "Also print dead letters.")
    var deadLetters = false

    @Flag(help: "On exit, print a per-console count of the events seen, by kind.")
    var summary = false

    func validate() throws {
        for name in audience where EventAudience(rawValue: name) == nil {
            throw ValidationError("unknown audience \(name); use \(EventAudience.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let configuration = try await options.load(command: "watch")
        let connection = try await AMQPConnection.connect(
            configuration.amqp.amqpConfiguration(connectionName: "caretaker-watch"))
        let audiences = audience.isEmpty ? EventAudience.allCases : audience.compactMap(EventAudience.init(rawValue:))
        let topology = configuration.topology
        let tap = WatchTap(audiences: audiences, deadLetters: deadLetters, topology: topology)
        try await tap.start(on: connection, topology: topology)
        let stop = StopFlag()
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let listener = Task { for await _ in signals { stop.raise(); return } }
        defer { listener.cancel() }
        var tally = WatchTally()
        let deadline = seconds.map { ContinuousClock.now + .seconds($0) }
        while !stop.isRaised, deadline.map({ ContinuousClock.now < $0 }) ?? true {
            switch try await connection.nextEvent(timeout: .milliseconds(250)) {
            case .delivery(let delivery):
                Self.emit(EventLine.describe(delivery) + "\n")
                tally.count(delivery)
                try await connection.ack(delivery.deliveryTag)
            case .consumerCancelled:
                throw ValidationError("the broker cancelled the watch (its queues were deleted, or their node failed)")
            default:
                continue
            }
        }
        await connection.close()
        if summary { Self.emit(tally.rendered) }
    }

    /// Writes `text` to standard output at once (no buffering), so each line reaches a pipe or a
    /// file as it arrives and an interrupted watch keeps everything it printed.
    private static func emit(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue } else { return } }
            bytes = bytes.dropFirst(written)
        }
    }
}
