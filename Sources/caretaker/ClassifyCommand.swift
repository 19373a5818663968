import ArgumentParser
import CaretakerApp
import CaretakerCore
import Foundation

/// `caretaker classify`: classifies intake messages given as JSON lines, one result line each.
///
/// Reads stdin, or each FILE in turn. An invalid line produces an error object on stdout and a
/// line on stderr naming the line number and field (never the resident's data); processing goes
/// on and the exit status is 1. An invalid rules file exits with 78 (EX_CONFIG).
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify intake messages given as JSON lines.",
        discussion: """
            Each input line is one intake message (contract v1, contracts/intake-v1.schema.json). \
            Each output line is the triage decision, or {"message_id":…,"error":{…}} for an invalid \
            line. Blank lines are skipped. Exit status: 0 all lines valid, 1 some line invalid, \
            78 the rules file is invalid or unreadable.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The triage rules file.", valueName: "PATH"))
    var rules: String = TriageRulesFile.defaultPath

    @Argument(help: ArgumentHelp("Files of JSON lines to classify (default: stdin).", valueName: "FILE"))
    var files: [String] = []

    func run() throws {
        let classifier: TriageClassifier
        do {
            classifier = try TriageRulesFile(path: rules).loadClassifier()
        } catch {
            StandardStreams.writeError("caretaker classify: \(error)\n")
            throw ExitCode(78)
        }
        var session = ClassifySession(classifier: classifier)
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
