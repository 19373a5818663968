import CaretakerCore
import Postgres

/// One step in a case's archive: who did what, when, and from which message.
public struct HistoryEntry: Sendable, Equatable {
    /// The case.
    public var caseID: String
    /// What happened (`created`, a command name, `reminder`, `escalated`, …).
    public var step: String
    /// The state before, if it changed.
    public var fromState: CaseState?
    /// The state after.
    public var toState: CaseState
    /// Who did it.
    public var actor: CaseActor
    /// When it happened (the command's `at`, or the worker's clock).
    public var occurredAt: RFC3339Timestamp
    /// The intake message or command id that caused it.
    public var sourceID: String?
    /// What else the step recorded (note, new date, satisfaction, reasons, …).
    public var details: [(key: String, value: JSONValue)]

    /// Creates an entry.
    public init(caseID: String, step: String, fromState: CaseState?, toState: CaseState, actor: CaseActor,
                occurredAt: RFC3339Timestamp, sourceID: String?, details: [(key: String, value: JSONValue)]) {
        self.caseID = caseID
        self.step = step
        self.fromState = fromState
        self.toState = toState
        self.actor = actor
        self.occurredAt = occurredAt
        self.sourceID = sourceID
        self.details = details
    }

    /// Compares entries member by member (details in order).
    public static func == (lhs: HistoryEntry, rhs: HistoryEntry) -> Bool {
        lhs.caseID == rhs.caseID && lhs.step == rhs.step && lhs.fromState == rhs.fromState
            && lhs.toState == rhs.toState && lhs.actor == rhs.actor && lhs.occurredAt == rhs.occurredAt
            && lhs.sourceID == rhs.sourceID && JSONValue.object(lhs.details) == JSONValue.object(rhs.details)
    }

    /// The row as JSON for `jsonb_to_recordset`.
    var rowJSON: JSONValue {
        .object([
            ("case_id", .string(caseID)),
            ("step", .string(step)),
            ("from_state", fromState.map { .string($0.rawValue) } ?? .null),
            ("to_state", .string(toState.rawValue)),
            ("actor_id", .string(actor.id)),
            ("actor_name", actor.name.map(JSONValue.string) ?? .null),
            ("actor_role", actor.role.map(JSONValue.string) ?? .null),
            ("occurred_at", .string(occurredAt.description)),
            ("source_id", sourceID.map(JSONValue.string) ?? .null),
            ("details", .object(details)),
        ])
    }

    /// Appends `entries` to `case_history` with one statement.
    static func insert(_ entries: [HistoryEntry], in transaction: PostgresTransaction) async throws {
        guard let statement = insertStatement(entries) else { return }
        try await transaction.execute(statement)
    }

    /// The statement that appends `entries`, or `nil` when there are none (for a pipeline).
    static func insertStatement(_ entries: [HistoryEntry]) -> SQLQuery? {
        guard !entries.isEmpty else { return nil }
        let rows = PostgresJSON(rawText: JSONValue.array(entries.map(\.rowJSON)).serialized)
        return """
            INSERT INTO case_history (case_id, step, from_state, to_state, actor_id, actor_name, actor_role,
                                      occurred_at, source_id, details)
            SELECT r.case_id, r.step, r.from_state, r.to_state, r.actor_id, r.actor_name, r.actor_role,
                   r.occurred_at, r.source_id, r.details
            FROM jsonb_to_recordset(\(rows)) AS r(
                case_id uuid, step text, from_state text, to_state text, actor_id text, actor_name text,
                actor_role text, occurred_at timestamptz, source_id text, details jsonb)
            """
    }
}
