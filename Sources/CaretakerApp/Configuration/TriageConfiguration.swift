import CaretakerCore
import Configuration

/// Where the triage rules and model come from (the `triage` section).
public struct TriageConfiguration: Sendable, Equatable {
    /// The default model file, relative to the configuration folder.
    public static let defaultModelFile = "triage-model.json"

    /// The rules file, relative to the configuration folder unless absolute.
    public var rulesFile: String
    /// The model file, relative to the configuration folder unless absolute.
    public var modelFile: String

    /// Creates a configuration with the documented defaults.
    public init(rulesFile: String = "triage-rules.json", modelFile: String = TriageConfiguration.defaultModelFile) {
        self.rulesFile = rulesFile
        self.modelFile = modelFile
    }

    /// Reads and validates the section from a reader scoped to `triage`.
    ///
    /// ## Configuration keys
    /// - `rules_file` (string, default `triage-rules.json` in the configuration folder): the rules file; its content is
    ///   checked when it is loaded (``TriageRulesFile``), not here.
    /// - `model_file` (string, default `triage-model.json` in the configuration folder): the statistical model written
    ///   by `caretaker triage train`, checked when loaded (``TriageModelFile``).
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `triage`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        rulesFile = try reader.string("rules_file")
        modelFile = try reader.string("model_file")
    }

    /// The loader for the configured rules file.
    public var rules: TriageRulesFile { TriageRulesFile(path: rulesFile) }

    /// Loads the rules and the model into the classifier the worker and `classify` use.
    public func loadClassifier() throws -> TriageClassifier {
        try rules.loadClassifier(modelPath: modelFile)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("rules_file", .string(rulesFile)), ConfigurationEntry("model_file", .string(modelFile))]
    }
}
