import Foundation

/// Keys in a configuration file that no setting reads: a typo such as `heartbeat_secs` would
/// otherwise be ignored silently and the default used.
///
/// The file is scanned as the block-style YAML `caretaker.yaml` uses (`section:` then indented
/// `key: value` lines; comments and blank lines skipped); flow-style mappings are not looked into.
public enum UnknownConfigurationKeys {
    /// One key nobody reads.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The dotted key, e.g. `amqp.heartbeat_secs`.
        public var key: String
        /// Its line in the file, from 1.
        public var line: Int
        /// The known key it most resembles, when one is close.
        public var suggestion: String?

        /// Creates a finding.
        public init(key: String, line: Int, suggestion: String?) {
            self.key = key
            self.line = line
            self.suggestion = suggestion
        }

        /// `line 12: unknown key amqp.heartbeat_secs (did you mean amqp.heartbeat_seconds?)`.
        public var description: String {
            "line \(line): unknown key \(key)" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        }
    }

    /// Every key a setting reads, including optional ones and secrets' file keys.
    public static var knownKeys: Set<String> {
        Set(CaretakerConfiguration().entries.map(\.key))
    }

    /// The unknown keys in `text`, in file order.
    public static func find(in text: String, known: Set<String> = knownKeys) -> [Finding] {
        let prefixes = Set(known.flatMap { key in
            let parts = key.split(separator: ".")
            return (1..<max(parts.count, 1)).map { parts.prefix($0).joined(separator: ".") }
        })
        var path: [(indent: Int, name: String)] = []
        var findings: [Finding] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let indent = line.prefix { $0 == " " }.count
            let name = line[line.startIndex..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.hasPrefix("-"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            while let last = path.last, last.indent >= indent { path.removeLast() }
            let key = (path.map(\.name) + [name]).joined(separator: ".")
            // Below an unknown section, its first line said it all.
            if findings.contains(where: { key.hasPrefix($0.key + ".") }) {
                if value(after: colon, in: line).isEmpty { path.append((indent, name)) }
                continue
            }
            let value = value(after: colon, in: line)
            if value.isEmpty {
                path.append((indent, name))
                if !prefixes.contains(key), !known.contains(key) {
                    findings.append(Finding(key: key, line: index + 1, suggestion: closest(key, in: prefixes)))
                }
            } else if !known.contains(key) {
                findings.append(Finding(key: key, line: index + 1, suggestion: closest(key, in: known)))
            }
        }
        return findings
    }

    private static func value(after colon: Substring.Index, in line: Substring) -> String {
        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The candidate within a small edit distance of `key`, if any.
    static func closest(_ key: String, in candidates: Set<String>) -> String? {
        let best = candidates.map { ($0, distance(Array(key), Array($0))) }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let best, best.1 <= max(2, key.count / 4) else { return nil }
        return best.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
