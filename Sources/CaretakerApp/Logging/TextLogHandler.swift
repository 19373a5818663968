import CaretakerCore
import Foundation
import Logging

/// Writes one readable line per log event to standard error, for `log.format: text`:
/// `TIME LEVEL LOGGER: MESSAGE key=value …`, with the same RFC 3339 time (and offset) as the JSON
/// lines, so switching formats never moves the clock in the logs.
public struct TextLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    let write: @Sendable (String) -> Void

    /// Creates a handler for `label` at `level` that writes to standard error.
    public init(label: String, level: Logger.Level) {
        self.init(label: label, level: level) { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Creates a handler that hands each finished line, newline included, to `write`.
    public init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    /// Reads or writes one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line, metadata sorted by key.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "\(RFC3339Timestamp(Date()).description) \(event.level.rawValue) \(label): \(event.message)"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        write(line + "\n")
    }
}
