import Configuration

/// Who may send what: the parties and per-command grants file (the `authorization` section).
public struct AuthorizationConfiguration: Sendable, Equatable {
    /// Whether the worker checks identity and grants.
    public enum Mode: String, Sendable, CaseIterable {
        /// Every command and intake message must carry the `user_id` of a known party, and every
        /// command must be granted by the file.
        case enforce
        /// The file is still loaded and validated, but nothing is checked: for tests and local
        /// experiments that publish as `guest`. The worker logs a warning at start.
        case off
    }

    /// The authorization file, relative to the configuration folder unless absolute.
    public var file: String
    /// Whether the file is enforced.
    public var mode: Mode

    /// Creates a configuration with the documented defaults.
    public init(file: String = "authorization.json", mode: Mode = .enforce) {
        self.file = file
        self.mode = mode
    }

    /// Reads and validates the section from a reader scoped to `authorization`.
    ///
    /// ## Configuration keys
    /// - `file` (string, default `authorization.json` in the configuration folder): the parties and
    ///   grants; its content is checked when it is loaded (``AuthorizationFile``), not here.
    /// - `mode` (`enforce` or `off`, default `enforce`).
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `authorization`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        file = try reader.string("file")
        mode = try reader.choice("mode", as: Mode.self)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("file", .string(file)), ConfigurationEntry("mode", .string(mode.rawValue))]
    }
}
