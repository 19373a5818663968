import Configuration
import Foundation

/// Which worker this is (the `instance` section).
public struct InstanceConfiguration: Sendable, Equatable {
    /// The instance's name in logs, metrics, connection names and claimed-timer fences.
    public var name: String

    /// Creates a configuration; the default name is the host name.
    public init(name: String = InstanceConfiguration.hostName) {
        self.name = name
    }

    /// Reads and validates the section from a reader scoped to `instance`.
    ///
    /// ## Configuration keys
    /// - `name` (string, 1–255 bytes, default the host name): unique per running instance; set it
    ///   (e.g. `CARETAKER_INSTANCE_NAME=%H-%i` in a systemd template) when several run on one host.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `instance`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        name = try SettingReader(config: config).string("name", maxBytes: 255)
    }

    /// This machine's host name (`caretaker` if it has none).
    public static var hostName: String {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty ? "caretaker" : name
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("name", .string(name))]
    }
}
