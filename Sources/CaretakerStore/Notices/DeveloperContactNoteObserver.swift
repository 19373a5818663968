import CaretakerCore
import Postgres

/// Queues the developer's work-contact note (`DeveloperContactNote`) in the outbox, in the intake
/// transaction of each new developer-responsibility repair.
public struct DeveloperContactNoteObserver: CaseCreationObserver {
    private let makeID: @Sendable () -> String

    /// Creates the observer; `makeID` makes event ids (random lower-case UUIDs in the worker).
    public init(makeID: @escaping @Sendable () -> String) {
        self.makeID = makeID
    }

    /// Queues a note for each new developer-responsibility repair.
    public func casesCreated(_ records: [CaseRecord], at now: RFC3339Timestamp,
                             in transaction: PostgresTransaction) async throws {
        let notes = records.compactMap { DeveloperContactNote.issued(for: $0, at: now, makeID: makeID) }
        guard !notes.isEmpty else { return }
        try await OutboxSQL.insert(notes.map(OutboxMessage.init), in: transaction)
    }
}
