import ArgumentParser
import CaretakerApp
import CaretakerCore

/// `caretaker triage eval`: accuracy per field, the confusion matrices and every miss with its
/// reasons, for a labelled file.
struct TriageEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the triage on labelled JSON lines: accuracy, confusion matrices, misses.",
        discussion: "Uses the rules and model of the configuration unless --rules / --model / --rules-only say otherwise."
    )

    @OptionGroup var options: ConfigurationOptions

    @OptionGroup var triageFiles: TriageFileOptions

    @Flag(name: .long, help: "Do not list the misses.")
    var quiet = false

    @Argument(help: ArgumentHelp("Labelled corpus files.", valueName: "FILE"))
    var files: [String]

    func run() async throws {
        let classifier = try await triageFiles.load(options, command: "triage eval")
        var reports: [LabelledReport] = []
        for file in files { reports += try TriageCorpusFiles.read(file, command: "triage eval") }
        let evaluation = TriageEvaluation(classifier: classifier, reports: reports)
        print("\(reports.count) reports; rules \(classifier.rules.version), model \(classifier.model?.version ?? "none")")
        print(evaluation.summary())
        guard !quiet else { return }
        print("misses (\(evaluation.misses.count)):")
        for miss in evaluation.misses {
            print("- \(miss.id) \(miss.field.rawValue): expected \(miss.expected), got \(miss.got)")
            print("    text: \(miss.text.prefix(160))")
            for reason in miss.reasons { print("    · \(reason)") }
        }
    }
}
