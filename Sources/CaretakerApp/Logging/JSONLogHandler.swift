import CaretakerCore
import CaretakerStore
import Foundation
import Logging

/// Writes one line per log event to standard error: by default a JSON object with time, level,
/// logger label, message and the metadata as string fields; with ``Style/text`` a readable
/// `TIME LEVEL LOGGER: MESSAGE key=value …` line with the same RFC 3339 time and offset, so
/// switching `log.format` never moves the clock in the logs.
///
/// Every line has each key once: a metadata key that collides with one of the line's own keys
/// (`time`, `level`, `logger`, `message`) is written as `metadata.KEY`, so a log pipeline never
/// files a line under a level that is not its log level.
///
/// Messages are constant strings and data sits in metadata (see STYLE.md), so the lines are
/// easy to filter with `jq` or journald. Residents' personal data is never put in metadata by
/// Caretaker's code; this handler does not try to find it.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// Where each finished line (with its newline) goes.
    let write: @Sendable (String) -> Void
    /// How a line is written.
    public let style: Style

    /// How a line is written (`log.format`).
    public enum Style: Sendable {
        /// One JSON object per line.
        case json
        /// One readable line, metadata as sorted `key=value` pairs.
        case text
    }

    /// The keys every line carries itself.
    static let lineKeys: Set<String> = ["time", "level", "logger", "message"]

    /// Creates a handler for `label` at `level` that writes `style` lines to standard error.
    public init(label: String, level: Logger.Level, style: Style = .json) {
        self.init(label: label, level: level, style: style) { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Creates a handler that hands each finished line, newline included, to `write` (a test
    /// collects them; `caretaker run` uses the standard-error initialiser).
    public init(label: String, level: Logger.Level, style: Style = .json, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.style = style
        self.write = write
    }

    /// Reads or writes one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let time = RFC3339Timestamp(Date()).description
        if style == .text {
            var line = "\(time) \(event.level.rawValue) \(label): \(event.message)"
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
            write(line + "\n")
            return
        }
        var members: [(key: String, value: JSONValue)] = [
            ("time", .string(time)),
            ("level", .string(event.level.rawValue)),
            ("logger", .string(label)),
            ("message", .string(event.message.description)),
        ]
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            members.append((Self.lineKeys.contains(key) ? "metadata." + key : key, .string("\(value)")))
        }
        var line = JSONValue.object(members).serialized
        line.append("\n")
        write(line)
    }
}
