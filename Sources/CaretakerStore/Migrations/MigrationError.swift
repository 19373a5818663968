/// The database's schema history conflicts with this build.
public struct MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Code: String, Sendable {
        /// An applied migration's SQL was edited after it ran.
        case checksumMismatch = "checksum_mismatch"
        /// The database was migrated by a newer build.
        case unknownVersion = "unknown_version"
        /// Migrations are pending; run `caretaker migrate` first.
        case schemaBehind = "schema_behind"
    }

    /// What is wrong.
    public let code: Code
    /// The migration version concerned.
    public let version: Int

    /// Creates an error.
    public init(_ code: Code, version: Int) {
        self.code = code
        self.version = version
    }

    /// A sentence ops can act on.
    public var description: String {
        switch code {
        case .checksumMismatch:
            "migration \(version) was changed after it was applied; restore its original SQL"
        case .unknownVersion:
            "the database has migration \(version), which this build does not know; deploy the newer build"
        case .schemaBehind:
            "the database schema is behind (migration \(version) pending); run `caretaker migrate` first"
        }
    }
}
