import Configuration
import Logging

/// What the worker logs and how (the `log` section).
public struct LogConfiguration: Sendable, Equatable {
    /// How log lines are written.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON object per line (for journald and log shippers).
        case json
        /// Human-readable lines.
        case text
    }

    /// The lowest level written.
    public var level: Logger.Level
    /// How log lines are written.
    public var format: Format

    /// Creates a configuration with the documented defaults.
    public init(level: Logger.Level = .info, format: Format = .json) {
        self.level = level
        self.format = format
    }

    /// Reads and validates the section from a reader scoped to `log`.
    ///
    /// ## Configuration keys
    /// - `level` (string, default `info`): `trace`, `debug`, `info`, `notice`, `warning`, `error` or
    ///   `critical`. Residents' personal data appears only at `trace`.
    /// - `format` (string, default `json`): `json` or `text`.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `log`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        level = try reader.choice("level", as: Logger.Level.self)
        format = try reader.choice("format", as: Format.self)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("level", .string(level.rawValue)),
            ConfigurationEntry("format", .string(format.rawValue)),
        ]
    }
}
