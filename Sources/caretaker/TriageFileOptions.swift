import ArgumentParser
import CaretakerApp
import CaretakerCore

/// `--rules`, `--model` and `--rules-only`, shared by the commands that classify: they name
/// other files than the configuration's `triage.rules_file` / `triage.model_file`.
struct TriageFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The triage rules file (default: the configuration's triage.rules_file).", valueName: "PATH"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("The model file (default: the configuration's triage.model_file).", valueName: "PATH"))
    var model: String?

    @Flag(name: .long, help: "Rules only, without the model.")
    var rulesOnly = false

    /// The classifier from these paths, else the configuration's; a message naming the file and
    /// exit 78 (EX_CONFIG) when one is unreadable or invalid.
    func load(_ options: ConfigurationOptions, command: String) async throws -> TriageClassifier {
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
