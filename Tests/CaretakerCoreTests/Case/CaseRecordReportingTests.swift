import CaretakerCore
import Testing

/// The case a report opens, and what its creation step records.
@Suite struct CaseRecordReportingTests {
    static let received = RFC3339Timestamp("2026-11-02T23:30:00+08:00")!

    static func message(_ kind: IntakeMessage.Kind) -> IntakeMessage {
        IntakeMessage(
            messageID: "hotline-7", kind: kind, text: "楼道灯不亮", receivedAt: received, channel: .hotline,
            estate: "翠湖苑", resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"),
            location: "3栋")
    }

    static func decision(modelVersion: String? = nil, confidence: Double? = nil) -> TriageDecision {
        var decision = TriageDecision(
            department: .engineering, category: "lighting", secondaryCategories: ["noise"], priority: .general,
            notify: [.management], responsibility: .free, needsTriage: true, reasons: ["r1: 灯", "r2: 楼道"],
            rulesVersion: "2026.5")
        decision.modelVersion = modelVersion
        decision.confidence = confidence
        return decision
    }

    @Test(arguments: [
        (IntakeMessage.Kind.complaint, CaseState.received, "TS-20261102-000045"),
        (.repair, .dispatched, "BX-20261102-000045"),
    ])
    func aReportOpensACaseInItsKindsFirstStateWithTriagesDecision(
        _ kind: IntakeMessage.Kind, _ state: CaseState, _ number: String
    ) {
        let message = Self.message(kind)
        let record = CaseRecord(reporting: message, decision: Self.decision(modelVersion: "m-1"),
                                accused: [.engineering], caseID: "case-1", serial: 45)
        #expect(record.caseID == "case-1")
        #expect(record.caseNumber == number)
        #expect(record.correlationID == "hotline-7")
        #expect(record.kind == kind)
        #expect(record.state == state)
        #expect(record.department == .engineering)
        #expect(record.category == "lighting")
        #expect(record.secondaryCategories == ["noise"])
        #expect(record.priority == .general)
        #expect(record.severity == nil)
        #expect(record.responsibility == .free)
        #expect(record.notify == [.management])
        #expect(record.needsTriage)
        #expect(record.rulesVersion == "2026.5")
        #expect(record.modelVersion == "m-1")
        #expect(record.accused == [.engineering])
        #expect(record.escalationLevel == 0 && record.postponements == 0 && record.reopenings == 0)
        #expect(record.report == message)
    }

    @Test func theCreationStepRecordsTheRoutingAndWhyInOrder() {
        let record = CaseRecord(reporting: Self.message(.repair), decision: Self.decision(), accused: [],
                                caseID: "case-1", serial: 1)
        let details = JSONValue.object(record.creationDetails(Self.decision()))
        #expect(details == .object([
            ("department", .string("engineering")),
            ("category", .string("lighting")),
            ("needs_triage", .bool(true)),
            ("reasons", .array([.string("r1: 灯"), .string("r2: 楼道")])),
            ("rules_version", .string("2026.5")),
        ]))
        #expect(CaseRecord.creationStep == "created")
    }

    @Test func aModelThatTookPartIsRecordedWithItsConfidenceToThreeDecimals() {
        let decision = Self.decision(modelVersion: "2026.2-abc", confidence: 0.87654)
        let record = CaseRecord(reporting: Self.message(.complaint), decision: decision, accused: [],
                                caseID: "case-1", serial: 1)
        let details = record.creationDetails(decision)
        #expect(details.map(\.key).suffix(2) == ["model_version", "confidence"])
        #expect(details[details.count - 2].value == .string("2026.2-abc"))
        #expect(details[details.count - 1].value == .number(0.877))
    }
}
