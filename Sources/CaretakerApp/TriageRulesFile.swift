import CaretakerCore
import Foundation

/// Loads the triage rules file from disk and compiles it (the only I/O the rules need).
public struct TriageRulesFile: Sendable {
    /// The default location, relative to the working directory.
    public static let defaultPath = "config/triage-rules.json"

    /// The file to read.
    public var path: String

    /// Creates a loader for `path` (default `config/triage-rules.json`).
    public init(path: String = TriageRulesFile.defaultPath) {
        self.path = path
    }

    /// Why the rules could not be loaded: the file could not be read, or its content is invalid.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// The file that failed.
        public var path: String
        /// The validation error, when the file was read but rejected.
        public var rulesError: TriageRulesError?
        /// The read failure, when the file could not be read.
        public var readFailure: String?

        /// `rules file PATH: …`.
        public var description: String {
            if let rulesError { return "rules file \(path): \(rulesError)" }
            return "rules file \(path): " + TriageRulesFile(path: path).location.cannotBeRead(readFailure ?? "unknown error")
        }
    }

    /// Reads and validates the rules.
    public func load() throws(LoadError) -> TriageRules {
        do {
            return try location.load { data throws(TriageRulesError) in try TriageRules.parse(data) }
        } catch {
            switch error {
            case .unreadable(let reason): throw LoadError(path: path, rulesError: nil, readFailure: reason)
            case .invalid(let invalid): throw LoadError(path: path, rulesError: invalid, readFailure: nil)
            }
        }
    }

    private var location: DataFileLocation {
        DataFileLocation(path: path, setting: "triage.rules_file", environmentVariable: "CARETAKER_TRIAGE_RULES_FILE")
    }

    /// Reads, validates and compiles the rules into a classifier, rules only.
    public func loadClassifier() throws(LoadError) -> TriageClassifier {
        TriageClassifier(rules: try load())
    }

    /// Reads the rules and the model at `modelPath` (when given) into one classifier.
    public func loadClassifier(modelPath: String?) throws -> TriageClassifier {
        let rules = try load()
        guard let modelPath else { return TriageClassifier(rules: rules) }
        return TriageClassifier(rules: rules, model: try TriageModelFile(path: modelPath).load())
    }
}
