import CaretakerCore

/// The JSON lines `caretaker classify` writes.
enum ClassifyOutput {
    /// One decision: message_id, kind, department, category, secondary_categories,
    /// severity | priority, notify, responsibility (repairs), needs_triage, reasons, rules_version.
    static func line(for message: IntakeMessage, decision: TriageDecision) -> String {
        JSONValue.object(members(for: message, decision: decision)).serialized
    }

    /// A decision with an `explain` object: per model head the probabilities, the chosen label
    /// and the n-grams that contributed most to it.
    static func line(for message: IntakeMessage, explanation: TriageExplanation) -> String {
        var members = members(for: message, decision: explanation.decision)
        let heads: [(key: String, value: JSONValue)] = explanation.heads.map { head in
            (head.name, .object([
                ("chosen", .string(head.chosen)),
                ("probabilities", .object(head.probabilities.map { ($0.label, .number(rounded($0.probability))) })),
                ("contributions", .array(head.contributions.map { .array([.string($0.ngram), .number(rounded($0.weight))]) })),
            ]))
        }
        members.append(("explain", .object([
            ("rules", .array(explanation.decision.reasons.filter { !$0.hasPrefix("model.") }.map { .string($0) })),
            ("model", .object(heads)),
        ])))
        return JSONValue.object(members).serialized
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }

    private static func members(for message: IntakeMessage, decision: TriageDecision) -> [(key: String, value: JSONValue)] {
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
        if let modelVersion = decision.modelVersion { members.append(("model_version", .string(modelVersion))) }
        if let confidence = decision.confidence { members.append(("confidence", .number(rounded(confidence)))) }
        return members
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
