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

    @Option(name: .long, help: ArgumentHelp("The triage rules file (default: the configuration's triage.rules_file).", valueName: "PATH"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("The model file (default: the configuration's triage.model_file).", valueName: "PATH"))
    var model: String?

    @Flag(name: .long, help: "Rules only, without the model.")
    var rulesOnly = false

    @Flag(name: .long, help: "Do not list the misses.")
    var quiet = false

    @Argument(help: ArgumentHelp("Labelled corpus files.", valueName: "FILE"))
    var files: [String]

    func run() async throws {
        let classifier = try await TriageClassifierLoader(options: options, rules: rules, model: model, rulesOnly: rulesOnly)
            .load(command: "triage eval")
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

/// Finds the rules and model a triage command uses: explicit paths, else the configuration's.
struct TriageClassifierLoader {
    var options: ConfigurationOptions
    var rules: String?
    var model: String?
    var rulesOnly: Bool

    /// The classifier, or a message naming the file and exit 78 (EX_CONFIG).
    func load(command: String) async throws -> TriageClassifier {
        let configuration = try await options.load(command: command)
        let rulesPath = rules ?? configuration.triage.rulesFile
        let modelPath = rulesOnly ? nil : (model ?? configuration.triage.modelFile)
        do {
            return try TriageRulesFile(path: rulesPath).loadClassifier(modelPath: modelPath)
        } catch {
            StandardStreams.writeError("caretaker \(command): \(error)\n")
            throw ExitCode(ExitStatus.invalidConfiguration)
        }
    }
}
