import CaretakerCore
import Postgres

/// Queues the resident notices (`ResidentNotices`) in the outbox, in the transaction of the case
/// change they describe: `notice.received` for every new case, and the notices of accepted
/// commands that concern the resident.
///
/// The time limit told at registration comes from the same SLA plan the timers follow, so the
/// resident is never promised another deadline than the one the handler is held to.
public struct ResidentNoticeObserver: CaseCreationObserver, CaseTransitionObserver {
    /// The planner of the worker's timers (the time limits).
    public let planner: TimerPlanner
    private let makeID: @Sendable () -> String

    /// Creates the observer; `makeID` makes event ids (random lower-case UUIDs in the worker).
    public init(planner: TimerPlanner, makeID: @escaping @Sendable () -> String) {
        self.planner = planner
        self.makeID = makeID
    }

    /// The timer whose deadline the resident is told at registration: the first reply to a
    /// complaint, the ETA of major works, or a repair's completion.
    public static func promisedKind(for record: CaseRecord) -> TimerKind {
        switch (record.kind, record.priority) {
        case (.complaint, _): .complaintFirstReply
        case (.repair, .major?): .majorRepairETA
        case (.repair, .general?), (.repair, nil): .generalRepairCompletion
        case (.repair, _): .urgentRepairCompletion
        }
    }

    /// Queues `notice.received` for each new case.
    public func casesCreated(_ records: [CaseRecord], at now: RFC3339Timestamp,
                             in transaction: PostgresTransaction) async throws {
        let notices = records.map { record in
            ResidentNotices.received(record, promise: promise(for: record, at: now), at: now, makeID: makeID)
        }
        try await OutboxSQL.insert(notices.map(OutboxMessage.init), in: transaction)
    }

    /// Queues the notice of an accepted command, if it has one.
    public func caseTransitionApplied(_ applied: AppliedTransition, in transaction: PostgresTransaction) async throws {
        guard let notice = ResidentNotices.after(applied.command.action, record: applied.after,
                                                 actor: applied.command.actor, at: applied.command.at,
                                                 makeID: makeID) else { return }
        try await OutboxSQL.insert([OutboxMessage(notice)], in: transaction)
    }

    private func promise(for record: CaseRecord, at now: RFC3339Timestamp) -> TimerSchedule? {
        let changes: [TimerChange]
        do {
            changes = try planner.caseCreated(record, at: now)
        } catch {
            changes = error.changes
        }
        let kind = Self.promisedKind(for: record)
        for case .start(let schedule) in changes where schedule.kind == kind { return schedule }
        return nil
    }
}
