import ArgumentParser
import CaretakerApp
import CaretakerStore
import Postgres

/// `caretaker dead-letters list|replay`: what was rejected and why, and sending it again.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List rejected messages and replay them after fixing the cause.",
        subcommands: [List.self, Replay.self]
    )

    /// `caretaker dead-letters list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rejected messages, newest first (reasons only, never the residents' data).")

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "Show at most this many.")
        var limit: Int = 50

        @Option(help: "Only this source: intake or command.")
        var source: String?

        @Flag(help: "Include messages already replayed.")
        var includeReplayed = false

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
            if let source, !["intake", "command"].contains(source) {
                throw ValidationError("--source must be intake or command")
            }
        }

        func run() async throws {
            let configuration = try await options.load(command: "dead-letters list")
            let connection = try await DeadLettersCommand.connect(configuration)
            let letters = try await DeadLetterStore().list(
                limit: limit, source: source, includeReplayed: includeReplayed, on: connection)
            if letters.isEmpty {
                print("no rejected messages")
                return
            }
            print("id\trejected_at\tsource\tmessage_id\treason\tfield\tbytes\treplayed_at\tdetail")
            for letter in letters {
                let columns = [
                    String(letter.id), letter.rejectedAt.description, letter.source, letter.messageID ?? "-",
                    letter.reason, letter.field.isEmpty ? "-" : letter.field, String(letter.size),
                    letter.replayedAt?.description ?? "-", letter.detail,
                ]
                print(columns.joined(separator: "\t"))
            }
        }
    }

    /// `caretaker dead-letters replay`.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue rejected messages for publishing again to their original exchange.",
            discussion: """
                The stored bytes go into the outbox with the original routing key; a running worker \
                publishes them with confirms. Replaying a message twice needs --force.
                """)

        @OptionGroup var options: ConfigurationOptions

        @Flag(help: "Replay even messages replayed before.")
        var force = false

        @Argument(help: "Ids from `caretaker dead-letters list`.")
        var ids: [Int64]

        func validate() throws {
            guard !ids.isEmpty else { throw ValidationError("give at least one id") }
        }

        func run() async throws {
            let configuration = try await options.load(command: "dead-letters replay")
            let connection = try await DeadLettersCommand.connect(configuration)
            let results = try await DeadLetterStore().replay(ids: ids, force: force, on: connection)
            var failed = false
            for (id, result) in zip(ids, results) {
                switch result {
                case .queued: print("\(id)\tqueued for publishing")
                case .notFound: print("\(id)\tnot found"); failed = true
                case .alreadyReplayed: print("\(id)\talready replayed (use --force)"); failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    static func connect(_ configuration: CaretakerConfiguration) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                configuration.postgres.postgresConfiguration(applicationName: "caretaker-dead-letters"))
        } catch {
            StandardStreams.writeError("caretaker dead-letters: cannot reach PostgreSQL: \(error)\n")
            throw ExitCode(ExitStatus.unavailable)
        }
    }
}
