import ArgumentParser
import CaretakerApp
import CaretakerCore
import Foundation

/// `caretaker classify`: classifies intake messages given as JSON lines, one result line each.
///
/// Reads stdin, or each FILE in turn. An invalid line produces an error object on stdout and a
/// line on stderr naming the line number and field (never the resident's data); processing goes
/// on and the exit status is 1. An invalid rules or model file exits with 78 (EX_CONFIG).
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify intake messages given as JSON lines.",
        discussion: """
            Each input line is one intake message (contract v1, contracts/intake-v1.schema.json). \
            Each output line is the triage decision, or {"message_id":…,"error":{…}} for an invalid \
            line. Blank lines are skipped. The rules and model are the configuration's \
            (triage.rules_file, triage.model_file) unless --rules / --model / --rules-only say \
            otherwise. Exit status: 0 all lines valid, 1 some line invalid, 78 the configuration, \
            rules or model file is invalid or unreadable.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @OptionGroup var triageFiles: TriageFileOptions

    @Flag(name: .long, help: "Add an \"explain\" object: the model's probabilities and the n-grams behind each choice.")
    var explain = false

    @Argument(help: ArgumentHelp("Files of JSON lines to classify (default: stdin).", valueName: "FILE"))
    var files: [String] = []

    func run() async throws {
        let classifier = try await triageFiles.load(options, command: "classify")
        var session = ClassifySession(classifier: classifier, explain: explain)
        if files.isEmpty {
            try session.process(handle: FileHandle.standardInput, name: "stdin")
        } else {
            for file in files {
                guard let handle = FileHandle(forReadingAtPath: file) else {
                    StandardStreams.writeError("caretaker classify: cannot open \(file)\n")
                    session.hadInvalidInput = true
                    continue
                }
                defer { try? handle.close() }
                try session.process(handle: handle, name: file)
            }
        }
        session.output.flush()
        if session.hadInvalidInput { throw ExitCode(1) }
    }
}
