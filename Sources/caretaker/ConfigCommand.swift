import ArgumentParser
import CaretakerApp

/// `caretaker config`: inspects the worker configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the worker configuration.",
        subcommands: [Print.self]
    )

    /// `caretaker config print`: the effective configuration, secrets masked.
    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print the effective configuration with secrets masked.",
            discussion: """
                Prints one `key: value` line per key after merging CARETAKER_* environment \
                variables, the configuration file and the built-in defaults, with the password of \
                every URL replaced by <redacted>. Exit status: 0 valid, 78 invalid configuration \
                (the key and the problem are named on stderr).
                """
        )

        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let configuration = try await options.load(command: "config print")
            print(configuration.redactedLines.joined(separator: "\n"))
        }
    }
}
