/// One numbered step of the database schema, embedded in the binary.
///
/// Applied in version order, each in its own transaction, and recorded in `schema_migrations`
/// with a checksum of its SQL so that an edited migration is caught instead of silently skipped.
public struct Migration: Sendable, Equatable {
    /// The step's number; versions are consecutive from 1.
    public let version: Int
    /// A short name for logs and `caretaker migrate --status`.
    public let name: String
    /// The SQL, run as one script inside the migration's transaction.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// A stable checksum of the SQL (FNV-1a 64-bit of its UTF-8 bytes, in hex).
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Every migration this build knows, in order.
    public static let all: [Migration] = [.initial, .timerSteps, .smallRepairs, .outboxRetries, .outboxMalformed, .accusedStaff,
                                          .recordFields, .complaintProcedure, .majorWorks]
}
