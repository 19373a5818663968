import CaretakerCore
import Postgres

/// Reads a case back from `cases` into a `CaseRecord`: the triage decision, where it stands, and
/// the report as received (resident, text, location, flags, attachments, dates, and the record
/// fields `incident_at`, `complained_about`, `resident_request`), and the complaint procedure's decisions (validity, other body, cause
/// analysed, the open corrective action).
///
/// Used by `CommandProcessor` (with `FOR UPDATE`, so concurrent commands on one case take turns)
/// and by anything that shows a case, such as `caretaker case <number>`. Timestamps come back
/// as the same instants in UTC (`Z`): PostgreSQL keeps the instant, not the writer's offset.
/// The record holds personal data (`report.resident`): never log it whole.
public enum CaseLoader {
    /// Loads the case `reference` names inside the caller's transaction, or `nil` if there is none.
    ///
    /// With `forUpdate`, the row stays locked until the transaction ends. When the reference has
    /// both an id and a number, both must match.
    public static func load(_ reference: CaseReference, forUpdate: Bool = false,
                            in transaction: PostgresTransaction) async throws -> CaseRecord? {
        let rows = try await transaction.query(query(reference, forUpdate: forUpdate))
        return try rows.first.map(record)
    }

    /// Loads the case `reference` names in a read-only transaction of its own.
    public static func load(_ reference: CaseReference, on connection: PostgresConnection) async throws -> CaseRecord? {
        try await connection.withTransaction(readOnly: true) { transaction in
            try await load(reference, in: transaction)
        }
    }

    /// Loads the cases with the given ids inside the caller's transaction, keyed by id; with
    /// `forUpdate` they stay locked until the transaction ends.
    public static func load(ids: [String], forUpdate: Bool = false,
                            in transaction: PostgresTransaction) async throws -> [String: CaseRecord] {
        guard !ids.isEmpty else { return [:] }
        var sql = selectList + " case_id = ANY(\(ids)::uuid[]) ORDER BY case_id"
        if forUpdate { sql.append(" FOR UPDATE OF cases") }
        var records: [String: CaseRecord] = [:]
        for row in try await transaction.query(sql) {
            let loaded = try record(row)
            records[loaded.caseID] = loaded
        }
        return records
    }

    private static let selectList: SQLQuery = """
        SELECT case_id::text AS case_id, case_number, kind, state, department, category, secondary_categories,
               severity, priority, responsibility, notify, needs_triage, rules_version, accused,
               escalation_level, postponements, reopenings, correlation_id, channel, estate, location,
               resident::text AS resident, report_text, flags, attachments, reported_times,
               to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at,
               to_char(promised_feedback_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                   AS promised_feedback_at,
               to_char(incident_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS incident_at,
               complained_about, resident_request,
               to_char(appointment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS appointment_at, validity, other_body, cause_analysed, meeting_held,
               quote_price_fen, quote_materials, quote_state, dispute_open, fee_fen, receipt_number,
               plan_summary, to_char(plan_expected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS plan_expected_at,
               plan_state, plan_approvals,
               correction.action AS correction_action, correction.owner AS correction_owner,
               to_char(correction.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS correction_due_at
        FROM cases
        LEFT JOIN LATERAL (
            SELECT action, owner, due_at FROM corrective_actions open_action
            WHERE open_action.case_id = cases.case_id AND open_action.verified_at IS NULL
        ) correction ON true
        WHERE
        """

    private static func query(_ reference: CaseReference, forUpdate: Bool) -> SQLQuery {
        var sql = selectList
        switch (reference.caseID, reference.caseNumber) {
        case (let id?, let number?): sql.append(" case_id = \(id)::uuid AND case_number = \(number)")
        case (let id?, nil): sql.append(" case_id = \(id)::uuid")
        case (nil, let number?): sql.append(" case_number = \(number)")
        case (nil, nil): sql.append(" false")
        }
        if forUpdate { sql.append(" FOR UPDATE OF cases") }
        return sql
    }

    /// Builds the record from one row of `query`.
    static func record(_ row: PostgresRow) throws -> CaseRecord {
        let report = IntakeMessage(
            messageID: try row.decode("correlation_id", as: String.self),
            kind: try value(row, "kind"),
            text: try row.decode("report_text", as: String.self),
            receivedAt: try timestamp(row, "received_at")!,
            channel: try value(row, "channel"),
            estate: try row.decode("estate", as: String?.self),
            resident: try resident(row),
            location: try row.decode("location", as: String?.self),
            flags: try row.decode("flags", as: [String].self).map { raw throws in try parse(raw, column: "flags") },
            reportedTimes: try row.decode("reported_times", as: Int?.self),
            promisedFeedbackAt: try timestamp(row, "promised_feedback_at"),
            attachments: try row.decode("attachments", as: [String].self),
            incidentAt: try timestamp(row, "incident_at"),
            complainedAbout: try row.decode("complained_about", as: String?.self),
            residentRequest: try row.decode("resident_request", as: String?.self),
            appointmentAt: try timestamp(row, "appointment_at")
        )
        var record = CaseRecord(
            caseID: try row.decode("case_id", as: String.self),
            caseNumber: try row.decode("case_number", as: String.self),
            correlationID: report.messageID, kind: report.kind,
            state: try value(row, "state"),
            department: try value(row, "department"),
            category: try row.decode("category", as: String.self),
            secondaryCategories: try row.decode("secondary_categories", as: [String].self),
            severity: try optionalValue(row, "severity"),
            priority: try optionalValue(row, "priority"),
            responsibility: try optionalValue(row, "responsibility"),
            notify: try row.decode("notify", as: [String].self).map { raw throws in try parse(raw, column: "notify") },
            needsTriage: try row.decode("needs_triage", as: Bool.self),
            rulesVersion: try row.decode("rules_version", as: String.self),
            accused: try row.decode("accused", as: [String].self).map { raw throws in try parse(raw, column: "accused") },
            escalationLevel: try row.decode("escalation_level", as: Int.self),
            postponements: try row.decode("postponements", as: Int.self),
            reopenings: try row.decode("reopenings", as: Int.self),
            report: report
        )
        record.validity = try optionalValue(row, "validity")
        record.otherBody = try optionalValue(row, "other_body")
        record.causeAnalysed = try row.decode("cause_analysed", as: Bool.self)
        record.meetingHeld = try row.decode("meeting_held", as: Bool.self)
        record.quoteState = try value(row, "quote_state")
        record.disputeOpen = try row.decode("dispute_open", as: Bool.self)
        record.feeFen = try row.decode("fee_fen", as: Int?.self)
        record.receiptNumber = try row.decode("receipt_number", as: String?.self)
        record.planState = try value(row, "plan_state")
        record.planApprovals = Set(try row.decode("plan_approvals", as: [String].self).compactMap(PlanApprover.init(rawValue:)))
        if let summary = try row.decode("plan_summary", as: String?.self), let expected = try timestamp(row, "plan_expected_at") {
            record.plan = RepairPlan(summary: summary, expectedCompletion: expected)
        }
        if let price = try row.decode("quote_price_fen", as: Int?.self) {
            record.quote = RepairQuote(priceFen: price, materials: try row.decode("quote_materials", as: String?.self) ?? "")
        }
        if let action = try row.decode("correction_action", as: String?.self) {
            record.openCorrection = CorrectiveAction(
                action: action, owner: try row.decode("correction_owner", as: String.self),
                dueAt: try timestamp(row, "correction_due_at")!)
        }
        return record
    }

    private static func value<Value: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Value
    where Value.RawValue == String {
        try parse(try row.decode(column, as: String.self), column: column)
    }

    private static func optionalValue<Value: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Value?
    where Value.RawValue == String {
        try row.decode(column, as: String?.self).map { raw throws in try parse(raw, column: column) }
    }

    private static func parse<Value: RawRepresentable>(_ raw: String, column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else { throw corrupt(column, "not a known \(Value.self)") }
        return value
    }

    private static func timestamp(_ row: PostgresRow, _ column: String) throws -> RFC3339Timestamp? {
        guard let text = try row.decode(column, as: String?.self) else { return nil }
        guard let stamp = RFC3339Timestamp(text) else { throw corrupt(column, "not an RFC 3339 timestamp") }
        return stamp
    }

    /// The resident object; SQL NULL and JSON `null` both mean no resident was given.
    private static func resident(_ row: PostgresRow) throws -> IntakeMessage.Resident? {
        guard let text = try row.decode("resident", as: String?.self) else { return nil }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw corrupt("resident", "not JSON")
        }
        switch json {
        case .null:
            return nil
        case .object:
            func part(_ key: String) throws -> String? {
                switch json[key] {
                case nil, .null?: return nil
                case .string(let value)?: return value
                default: throw corrupt("resident", "\(key) is not a string")
                }
            }
            return IntakeMessage.Resident(name: try part("name"), phone: try part("phone"), unit: try part("unit"))
        default:
            throw corrupt("resident", "not an object")
        }
    }

    /// A decoding error naming the column, never its value (it may be personal data).
    private static func corrupt(_ column: String, _ reason: String) -> PostgresError {
        PostgresError(kind: .decoding, code: .decodingFailed, table: "cases", column: column, reason: reason)
    }
}
