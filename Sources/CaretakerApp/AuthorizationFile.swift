import CaretakerCore
import Foundation

/// Loads and validates the authorization file (`config/authorization.json`).
public struct AuthorizationFile: Sendable {
    /// The file to read.
    public var path: String

    /// Creates a loader for `path`.
    public init(path: String) {
        self.path = path
    }

    /// Why the file could not be used: unreadable, or the field at fault.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// The file that failed.
        public var path: String
        /// `field: problem`, or why it could not be read.
        public var problem: String

        /// `authorization file PATH: …`.
        public var description: String { "authorization file \(path): \(problem)" }
    }

    /// Reads and validates the file.
    public func load() throws(LoadError) -> AuthorizationPolicy {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError(path: path, problem: "cannot be read: \(error.localizedDescription) "
                + "(set authorization.file in the configuration, CARETAKER_AUTHORIZATION_FILE, or --config FILE)")
        }
        do {
            return try AuthorizationPolicy.parse(data)
        } catch {
            throw LoadError(path: path, problem: error.description)
        }
    }
}
