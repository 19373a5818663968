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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError(path: path, problem: "cannot be read: \(error.localizedDescription) (set triage.model_file in the configuration, CARETAKER_TRIAGE_MODEL_FILE, or --config FILE)")
        }
        do {
            return try TriageModel.parse(data)
        } catch {
            throw LoadError(path: path, problem: String(describing: error))
        }
    }
}
