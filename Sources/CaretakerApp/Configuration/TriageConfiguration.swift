import Configuration

/// Where the triage rules come from (the `triage` section).
public struct TriageConfiguration: Sendable, Equatable {
    /// The rules file, relative to the working directory unless absolute.
    public var rulesFile: String

    /// Creates a configuration with the documented default.
    public init(rulesFile: String = TriageRulesFile.defaultPath) {
        self.rulesFile = rulesFile
    }

    /// Reads and validates the section from a reader scoped to `triage`.
    ///
    /// ## Configuration keys
    /// - `rules_file` (string, default `config/triage-rules.json`): the rules file; its content is
    ///   checked when it is loaded (``TriageRulesFile``), not here.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `triage`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        rulesFile = try SettingReader(config: config).string("rules_file")
    }

    /// The loader for the configured rules file.
    public var rules: TriageRulesFile { TriageRulesFile(path: rulesFile) }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("rules_file", .string(rulesFile))]
    }
}
