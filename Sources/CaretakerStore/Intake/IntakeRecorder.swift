import CaretakerCore
import Foundation
import Postgres

/// Records a batch of intake items in one transaction: inbox entries, cases, their first
/// history step, the events for every audience, and rejected messages with their dead letters.
///
/// Idempotent by message id: a message already in the inbox (a redelivery, or the hotline
/// sending the same report again) creates nothing and comes back as `.duplicate`. The caller
/// acks the deliveries only after this returns, i.e. after the commit.
public struct IntakeRecorder: Sendable {
    private let makeID: @Sendable () -> String
    private let observers: [any CaseCreationObserver]

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - makeID: makes case and event ids (random UUIDs by default).
    ///   - observers: run inside the transaction with the cases it created (e.g. SLA timers).
    public init(makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                observers: [any CaseCreationObserver] = []) {
        self.makeID = makeID
        self.observers = observers
    }

    /// Records `items` at `now`; returns one outcome per item, in order.
    public func record(_ items: [IntakeItem], now: RFC3339Timestamp, on connection: PostgresConnection)
        async throws -> [IntakeOutcome]
    {
        try await connection.withTransaction { transaction in
            try await record(items, now: now, in: transaction)
        }
    }

    /// Records `items` inside the caller's transaction.
    public func record(_ items: [IntakeItem], now: RFC3339Timestamp, in transaction: PostgresTransaction)
        async throws -> [IntakeOutcome]
    {
        var outcomes = [IntakeOutcome?](repeating: nil, count: items.count)
        var firstIndexByMessage: [String: Int] = [:]
        var candidates: [(index: Int, caseID: String)] = []
        for (index, item) in items.enumerated() {
            guard case .report(let message, _, _) = item else { continue }
            if firstIndexByMessage[message.messageID] != nil {
                outcomes[index] = .duplicate
            } else {
                firstIndexByMessage[message.messageID] = index
                candidates.append((index, makeID()))
            }
        }

        let fresh = try await claimInbox(candidates.map { (messageID(of: items[$0.index]), $0.caseID) }, in: transaction)
        let creating = candidates.filter { fresh.contains(messageID(of: items[$0.index])) }
        let serials = try await nextSerials(creating.count, in: transaction)

        var created: [CaseRecord] = []
        var caseRows: [JSONValue] = []
        var history: [HistoryEntry] = []
        var outbox: [OutboxMessage] = []
        for (position, candidate) in creating.enumerated() {
            guard case .report(let message, let decision, let accused) = items[candidate.index] else { continue }
            let record = CaseRecord(reporting: message, decision: decision, accused: accused,
                                    caseID: candidate.caseID, serial: serials[position])
            created.append(record)
            caseRows.append(CaseRow.json(record, reasons: decision.reasons))
            history.append(HistoryEntry(
                caseID: record.caseID, step: CaseRecord.creationStep, fromState: nil, toState: record.state,
                actor: .system, occurredAt: now, sourceID: record.correlationID,
                details: record.creationDetails(decision)))
            outbox.append(contentsOf: CaseEvents.created(record, at: now, makeID: makeID).map(OutboxMessage.init))
            outcomes[candidate.index] = .created(caseID: record.caseID, caseNumber: record.caseNumber)
        }
        for candidate in candidates where outcomes[candidate.index] == nil {
            outcomes[candidate.index] = .duplicate
        }

        var rejected: [RejectedMessage] = []
        for (index, item) in items.enumerated() {
            guard case .rejected(let message) = item else { continue }
            rejected.append(message)
            outbox.append(message.deadLetter(id: makeID()))
            outcomes[index] = .rejected
        }

        // One round trip for the four inserts (libpq pipeline inside the transaction).
        let inserts = [
            insertCasesStatement(caseRows), HistoryEntry.insertStatement(history),
            RejectedMessageSQL.insertStatement(rejected), OutboxSQL.insertStatement(outbox),
        ].compactMap { $0 }
        _ = try await transaction.pipeline(inserts)
        if !created.isEmpty {
            for observer in observers { try await observer.casesCreated(created, at: now, in: transaction) }
        }
        return outcomes.map { $0! }
    }

    private func messageID(of item: IntakeItem) -> String {
        if case .report(let message, _, _) = item { return message.messageID }
        return ""
    }

    /// Inserts inbox rows; returns the message ids that were new.
    private func claimInbox(_ entries: [(messageID: String, caseID: String)], in transaction: PostgresTransaction)
        async throws -> Set<String>
    {
        guard !entries.isEmpty else { return [] }
        let rows = JSONValue.array(entries.map { .object([("message_id", .string($0.messageID)), ("case_id", .string($0.caseID))]) })
        let result = try await transaction.query("""
            INSERT INTO inbox (source, message_id, case_id, outcome)
            SELECT 'intake', r.message_id, r.case_id, 'created'
            FROM jsonb_to_recordset(\(PostgresJSON(rawText: rows.serialized))) AS r(message_id text, case_id uuid)
            ON CONFLICT DO NOTHING
            RETURNING message_id
            """)
        return Set(try result.map { try $0.decode("message_id", as: String.self) })
    }

    private func nextSerials(_ count: Int, in transaction: PostgresTransaction) async throws -> [Int64] {
        guard count > 0 else { return [] }
        let result = try await transaction.query(
            "SELECT nextval('case_number_seq') AS serial FROM generate_series(1, \(count))")
        return try result.map { try $0.decode("serial", as: Int64.self) }
    }

    private func insertCasesStatement(_ rows: [JSONValue]) -> SQLQuery? {
        guard !rows.isEmpty else { return nil }
        let json = PostgresJSON(rawText: JSONValue.array(rows).serialized)
        return """
            INSERT INTO cases (case_id, case_number, kind, state, department, category, secondary_categories,
                               severity, priority, responsibility, notify, needs_triage, reasons, rules_version,
                               model_version, about_own_staff, accused, correlation_id, channel, estate, location, resident, report_text,
                               flags, attachments, reported_times, received_at, promised_feedback_at,
                               incident_at, complained_about, resident_request, appointment_at)
            SELECT * FROM jsonb_to_recordset(\(json)) AS r(\(SQLQuery(unsafeRaw: CaseRow.columns)))
            """
    }
}
