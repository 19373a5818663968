import CaretakerCore

/// The JSON lines `caretaker classify` writes.
enum ClassifyOutput {
    /// One decision: message_id, kind, department, category, secondary_categories,
    /// severity | priority, notify, responsibility (repairs), needs_triage, reasons, rules_version.
    static func line(for message: IntakeMessage, decision: TriageDecision) -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("message_id", .string(message.messageID)),
            ("kind", .string(message.kind.rawValue)),
            ("department", .string(decision.department.rawValue)),
            ("category", .string(decision.category)),
            ("secondary_categories", .array(decision.secondaryCategories.map { .string($0) })),
        ]
        if let severity = decision.severity { members.append(("severity", .string(severity.rawValue))) }
        if let priority = decision.priority { members.append(("priority", .string(priority.rawValue))) }
        members.append(("notify", .array(decision.notify.map { .string($0.rawValue) })))
        if let responsibility = decision.responsibility {
            members.append(("responsibility", .string(responsibility.rawValue)))
        }
        members.append(("needs_triage", .bool(decision.needsTriage)))
        members.append(("reasons", .array(decision.reasons.map { .string($0) })))
        members.append(("rules_version", .string(decision.rulesVersion)))
        return JSONValue.object(members).serialized
    }

    /// An invalid line: the message id when it could be read, and field, reason, message.
    static func errorLine(for error: IntakeDecodingError) -> String {
        JSONValue.object([
            ("message_id", error.messageID.map { .string($0) } ?? .null),
            ("error", .object([
                ("field", .string(error.field)),
                ("reason", .string(error.reason.rawValue)),
                ("message", .string(error.message)),
            ])),
        ]).serialized
    }
}
