import Foundation

/// A data file named by the configuration, and how an operator points Caretaker at another one.
///
/// The authorization, triage rules and triage model files load the same way: read the bytes,
/// hand them to the domain's parser, and say on a read failure which setting names the file.
/// Each file type keeps its own `LoadError`, so its messages stay as they were.
struct DataFileLocation: Sendable {
    /// Why a load failed: the file could not be read, or the domain rejected its content.
    enum Failure<Invalid: Error>: Error {
        /// The file could not be read; `reason` is the system's explanation.
        case unreadable(reason: String)
        /// The domain's parser rejected the content.
        case invalid(Invalid)
    }

    /// The file to read.
    var path: String
    /// The configuration key naming the file, e.g. `triage.rules_file`.
    var setting: String
    /// The environment variable naming the file, e.g. `CARETAKER_TRIAGE_RULES_FILE`.
    var environmentVariable: String

    /// `cannot be read: REASON (set KEY in the configuration, VARIABLE, or --config FILE)`.
    func cannotBeRead(_ reason: String) -> String {
        "cannot be read: \(reason) (set \(setting) in the configuration, \(environmentVariable), or --config FILE)"
    }

    /// Reads the file and parses it with `parse`, the domain's validation.
    func load<Content, Invalid: Error>(_ parse: (Data) throws(Invalid) -> Content) throws(Failure<Invalid>) -> Content {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(reason: error.localizedDescription)
        }
        do {
            return try parse(data)
        } catch {
            throw .invalid(error)
        }
    }
}
