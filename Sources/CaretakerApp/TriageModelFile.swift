import CaretakerCore
import Foundation

/// Loads the triage model file (`config/triage-model.json`, written by `caretaker triage train`).
public struct TriageModelFile: Sendable {
    /// The file to read.
    public var path: String

    /// Creates a loader for `path`.
    public init(path: String) {
        self.path = path
    }

    /// Why the model could not be loaded: unreadable, or invalid content.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// The file that failed.
        public var path: String
        /// What is wrong.
        public var problem: String

        /// `model file PATH: …`.
        public var description: String { "model file \(path): \(problem)" }
    }

    /// Reads and validates the model.
    public func load() throws(LoadError) -> TriageModel {
        let file = DataFileLocation(path: path, setting: "triage.model_file", environmentVariable: "CARETAKER_TRIAGE_MODEL_FILE")
        do {
            return try file.load { data throws(TriageRulesError) in try TriageModel.parse(data) }
        } catch {
            switch error {
            case .unreadable(let reason): throw LoadError(path: path, problem: file.cannotBeRead(reason))
            case .invalid(let invalid): throw LoadError(path: path, problem: invalid.description)
            }
        }
    }
}
