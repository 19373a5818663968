import CaretakerCore
import Postgres

/// Reads the consoles' corrections of triage decisions (reassignments) for `caretaker triage review`.
public struct TriageReviewStore: Sendable {
    /// Creates a store.
    public init() {}

    /// The reassignments recorded in `month`, oldest first, each with the triage reasons of its case.
    public func corrections(in month: ReportMonth, on connection: PostgresConnection) async throws -> [TriageCorrection] {
        let start = month.start.description, end = month.end.description
        let rows = try await connection.query("""
            SELECT c.case_number, c.kind, c.rules_version, c.reasons::text AS reasons,
                   to_char(h.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
                   h.details->>'department' AS to_department, h.details->>'category' AS to_category,
                   coalesce(h.details->>'reason', '') AS reason
            FROM case_history h JOIN cases c ON c.case_id = h.case_id
            WHERE h.step = 'reassign'
              AND h.occurred_at >= \(start)::timestamptz AND h.occurred_at < \(end)::timestamptz
            ORDER BY h.occurred_at, h.id
            """)
        var corrections: [TriageCorrection] = []
        for row in rows {
            var reasons: [String] = []
            if case .array(let items)? = try? JSONParser.parse(Array((try row.decode("reasons", as: String.self)).utf8)) {
                reasons = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            corrections.append(TriageCorrection(
                caseNumber: try row.decode("case_number"), kind: try row.decode("kind"),
                at: RFC3339Timestamp(try row.decode("at", as: String.self)) ?? RFC3339Timestamp(secondsSinceEpoch: 0),
                toDepartment: try row.decode("to_department"), toCategory: try row.decode("to_category"),
                reason: try row.decode("reason"), triageReasons: reasons, rulesVersion: try row.decode("rules_version")))
        }
        return corrections
    }
}
