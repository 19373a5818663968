extension CaseRecord {
    /// The case a report opens: triage's decision on it, in the kind's first state, numbered from
    /// the report's receipt date and `serial`, with no escalation, postponement or reopening yet.
    ///
    /// - Parameters:
    ///   - message: the intake report; it becomes the case's `report` and its `message_id` the
    ///     `correlationID` of every event.
    ///   - decision: where triage routed it, how severe or urgent it is, and which rules and model decided.
    ///   - accused: whose staff the complaint is about (`AccusedStaff`), sorted.
    ///   - caseID: the new case's id (a lower-case UUID).
    ///   - serial: the next value of the store's case-number sequence.
    public init(reporting message: IntakeMessage, decision: TriageDecision, accused: [EventAudience],
                caseID: String, serial: Int64) {
        self.init(
            caseID: caseID,
            caseNumber: CaseNumber.make(kind: message.kind, receivedAt: message.receivedAt, serial: serial),
            correlationID: message.messageID, kind: message.kind, state: CaseState.initial(for: message.kind),
            department: decision.department, category: decision.category,
            secondaryCategories: decision.secondaryCategories, severity: decision.severity,
            priority: decision.priority, responsibility: decision.responsibility, notify: decision.notify,
            needsTriage: decision.needsTriage, rulesVersion: decision.rulesVersion, accused: accused,
            escalationLevel: 0, postponements: 0, reopenings: 0, report: message)
        modelVersion = decision.modelVersion
    }

    /// The history step that records a case's creation.
    public static let creationStep = "created"

    /// What the creation step records of `decision`, in this order: the department, category and
    /// `needs_triage` the case starts with, triage's reasons and rules version, then the model
    /// version and its confidence (to three decimals) when a model took part.
    public func creationDetails(_ decision: TriageDecision) -> [(key: String, value: JSONValue)] {
        var details: [(key: String, value: JSONValue)] = [
            ("department", .string(department.rawValue)),
            ("category", .string(category)),
            ("needs_triage", .bool(needsTriage)),
            ("reasons", .array(decision.reasons.map(JSONValue.string))),
            ("rules_version", .string(rulesVersion)),
        ]
        if let model = decision.modelVersion { details.append(("model_version", .string(model))) }
        if let confidence = decision.confidence { details.append(("confidence", .number((confidence * 1000).rounded() / 1000))) }
        return details
    }
}
