/// Which of a build's migrations a database has, and whether they match.
public struct SchemaStatus: Sendable, Equatable {
    /// Versions recorded in the database.
    public let applied: Set<Int>
    /// Migrations this build has that the database lacks, in order.
    public let pending: [Migration]
    /// Versions whose recorded checksum differs from this build's SQL.
    public let changed: [Int]
    /// Versions the database has that this build does not know (a newer build migrated it).
    public let unknown: [Int]

    /// Compares a build's migrations with the versions and checksums a database recorded.
    public init(known: [Migration], recorded: [Int: String]) {
        applied = Set(recorded.keys)
        pending = known.filter { recorded[$0.version] == nil }
        changed = known.compactMap { migration in
            guard let checksum = recorded[migration.version], checksum != migration.checksum else { return nil }
            return migration.version
        }
        let knownVersions = Set(known.map(\.version))
        unknown = recorded.keys.filter { !knownVersions.contains($0) }.sorted()
    }

    /// Whether the schema is exactly what this build expects.
    public var isCurrent: Bool { pending.isEmpty && changed.isEmpty && unknown.isEmpty }

    /// Throws when the recorded history conflicts with this build (pending steps are fine).
    public func check() throws(MigrationError) {
        if let version = changed.first { throw MigrationError(.checksumMismatch, version: version) }
        if let version = unknown.first { throw MigrationError(.unknownVersion, version: version) }
    }

    /// Throws unless the schema is current; `caretaker run` refuses to start otherwise.
    public func requireCurrent() throws(MigrationError) {
        try check()
        if let first = pending.first { throw MigrationError(.schemaBehind, version: first.version) }
    }
}
