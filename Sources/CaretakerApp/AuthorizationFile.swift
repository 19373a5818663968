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
        let file = DataFileLocation(path: path, setting: "authorization.file", environmentVariable: "CARETAKER_AUTHORIZATION_FILE")
        do {
            return try file.load { data throws(AuthorizationPolicyError) in try AuthorizationPolicy.parse(data) }
        } catch {
            switch error {
            case .unreadable(let reason): throw LoadError(path: path, problem: file.cannotBeRead(reason))
            case .invalid(let invalid): throw LoadError(path: path, problem: invalid.description)
            }
        }
    }
}
