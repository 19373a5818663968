import Postgres

/// Applies the embedded migrations and reports whether a database's schema is current.
///
/// Several instances may start at once: every migration runs in its own transaction that first
/// takes a transaction-scoped advisory lock, then re-reads what is applied, so exactly one
/// instance applies each step and the others see it done.
public struct MigrationRunner: Sendable {
    /// The advisory-lock key all Caretaker instances agree on ("caretakr" in ASCII).
    public static let advisoryLockKey: Int64 = 0x6361_7265_7461_6B72

    /// The migrations this runner knows, in version order.
    public let migrations: [Migration]

    /// Creates a runner for `migrations` (by default every migration in this build).
    public init(migrations: [Migration] = Migration.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration; returns the ones this call applied.
    ///
    /// - Throws: ``MigrationError`` when an applied migration's checksum differs from this
    ///   build's, or the database has versions this build does not know; a `PostgresError` when
    ///   a migration's SQL fails (its transaction is rolled back and later ones are not tried).
    public func migrate(on connection: PostgresConnection) async throws -> [Migration] {
        var appliedNow: [Migration] = []
        for migration in migrations {
            let applied = try await connection.withTransaction { transaction in
                _ = try await transaction.query("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
                try await connection.execute(unsafeScript: Self.bookkeepingTable)
                let status = try await readStatus(transaction)
                try status.check()
                if status.applied.contains(migration.version) { return false }
                try await connection.execute(unsafeScript: migration.sql)
                try await transaction.execute("""
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
                return true
            }
            if applied { appliedNow.append(migration) }
        }
        return appliedNow
    }

    /// Reads which migrations the database has, without changing anything.
    public func status(on connection: PostgresConnection) async throws -> SchemaStatus {
        try await connection.withTransaction(readOnly: true) { transaction in
            try await readStatus(transaction)
        }
    }

    private func readStatus(_ transaction: PostgresTransaction) async throws -> SchemaStatus {
        let exists = try await transaction.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try exists.single().decode("present", as: Bool.self) else {
            return SchemaStatus(known: migrations, recorded: [:])
        }
        let rows = try await transaction.query("SELECT version, checksum FROM schema_migrations ORDER BY version")
        var recorded: [Int: String] = [:]
        for row in rows {
            recorded[try row.decode("version", as: Int.self)] = try row.decode("checksum", as: String.self)
        }
        return SchemaStatus(known: migrations, recorded: recorded)
    }

    private static let bookkeepingTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
}
