/// The work-contact note (工作联系单, seed 003 五(二)4) for the developer: a repair of a
/// building-quality defect under the developer's warranty (`developer` responsibility) is sent to
/// the developer's audience at registration, to repair or answer.
///
/// Pure. The note carries the case number, the estate, the location of the defect, the category
/// and priority, the report text with names and phone numbers masked, and a Chinese `text` to
/// send as is; never the resident's name, phone or unit.
public enum DeveloperContactNote {
    /// The note for `record`, or `nil` when it is not a developer-responsibility repair.
    public static func issued(for record: CaseRecord, at time: RFC3339Timestamp, makeID: () -> String) -> CaseEvent? {
        guard record.kind == .repair, record.responsibility == .developer else { return nil }
        let id = makeID()
        let report = record.report
        let place = [report.estate, report.location].compactMap { $0 }.joined(separator: " ")
        var text = "工作联系单：报修编号\(record.caseNumber)"
        if !place.isEmpty { text += "，\(place)" }
        text += "，住户反映的问题属房屋质量保修范围，请贵司安排处理，并将处理计划回复物业工程部。"
        let members: [(key: String, value: JSONValue)] = [
            ("event_id", .string(id)),
            ("event_type", .string(CaseEventType.contactNoteIssued.rawValue)),
            ("audience", .string(EventAudience.developer.rawValue)),
            ("occurred_at", .string(time.description)),
            ("case_number", .string(record.caseNumber)),
            ("received_at", .string(report.receivedAt.description)),
            ("estate", report.estate.map(JSONValue.string) ?? .null),
            ("location", report.location.map(JSONValue.string) ?? .null),
            ("category", .string(record.category)),
            ("priority", record.priority.map { .string($0.rawValue) } ?? .null),
            ("department", .string(record.department.rawValue)),
            ("report", .string(PersonalData.maskText(report.text, resident: report.resident))),
            ("text", .string(text)),
        ]
        return CaseEvent(eventID: id, type: .contactNoteIssued, audience: .developer, caseID: record.caseID,
                         correlationID: record.correlationID, payload: .object(members))
    }
}
