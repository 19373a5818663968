import CaretakerCore
import Postgres

/// Something that must happen in the same transaction as new cases are recorded, such as
/// starting their SLA timers.
public protocol CaseCreationObserver: Sendable {
    /// Called inside the intake transaction after `records` were inserted; throwing rolls the
    /// whole batch back.
    func casesCreated(_ records: [CaseRecord], at now: RFC3339Timestamp, in transaction: PostgresTransaction) async throws
}
