import CaretakerCore

/// How a case and its history rows travel to PostgreSQL as JSON (one parameter per batch).
enum CaseRow {
    /// The `cases` columns, in the order `IntakeRecorder` inserts them.
    static let columns = """
        case_id uuid, case_number text, kind text, state text, department text, category text,
        secondary_categories text[], severity text, priority text, responsibility text, notify text[],
        needs_triage boolean, reasons jsonb, rules_version text, model_version text, about_own_staff boolean,
        accused text[],
        correlation_id text, channel text, estate text, location text, resident jsonb, report_text text,
        flags text[], attachments text[], reported_times integer, received_at timestamptz,
        promised_feedback_at timestamptz, incident_at timestamptz, complained_about text, resident_request text,
        appointment_at timestamptz
        """

    /// The case's row.
    static func json(_ record: CaseRecord, reasons: [String]) -> JSONValue {
        let report = record.report
        var resident: JSONValue = .null
        if let person = report.resident {
            resident = .object([("name", text(person.name)), ("phone", text(person.phone)), ("unit", text(person.unit))])
        }
        var members: [(key: String, value: JSONValue)] = []
        members.append(("case_id", .string(record.caseID)))
        members.append(("case_number", .string(record.caseNumber)))
        members.append(("kind", .string(record.kind.rawValue)))
        members.append(("state", .string(record.state.rawValue)))
        members.append(("department", .string(record.department.rawValue)))
        members.append(("category", .string(record.category)))
        members.append(("secondary_categories", strings(record.secondaryCategories)))
        members.append(("severity", text(record.severity?.rawValue)))
        members.append(("priority", text(record.priority?.rawValue)))
        members.append(("responsibility", text(record.responsibility?.rawValue)))
        members.append(("notify", strings(record.notify.map(\.rawValue))))
        members.append(("needs_triage", .bool(record.needsTriage)))
        members.append(("reasons", strings(reasons)))
        members.append(("rules_version", .string(record.rulesVersion)))
        members.append(("model_version", text(record.modelVersion)))
        members.append(("about_own_staff", .bool(!record.accused.isEmpty)))
        members.append(("accused", strings(record.accused.map(\.rawValue))))
        members.append(("correlation_id", .string(record.correlationID)))
        members.append(("channel", .string(report.channel.rawValue)))
        members.append(("estate", text(report.estate)))
        members.append(("location", text(report.location)))
        members.append(("resident", resident))
        members.append(("report_text", .string(report.text)))
        members.append(("flags", strings(report.flags.map(\.rawValue))))
        members.append(("attachments", strings(report.attachments)))
        members.append(("reported_times", report.reportedTimes.map { .number(Double($0)) } ?? .null))
        members.append(("received_at", .string(report.receivedAt.description)))
        members.append(("promised_feedback_at", text(report.promisedFeedbackAt?.description)))
        members.append(("incident_at", text(report.incidentAt?.description)))
        members.append(("complained_about", text(report.complainedAbout)))
        members.append(("resident_request", text(report.residentRequest)))
        members.append(("appointment_at", text(report.appointmentAt?.description)))
        return .object(members)
    }

    private static func text(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }
}
