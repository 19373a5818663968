import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Testing

/// A bad record field dead-letters the message with the field named; a good one reaches the
/// report, and `complained_about` decides who is accused.
@Suite struct IntakeRecordFieldsTriageTests {
    static let triage: IntakeTriage = {
        let rules = TestServers.repositoryRoot.appendingPathComponent("config/triage-rules.json").path
        return IntakeTriage(classifier: try! TriageRulesFile(path: rules).loadClassifier())
    }()

    static func body(_ extra: String) -> [UInt8] {
        Array(("{\"message_id\":\"m-9\",\"kind\":\"complaint\",\"text\":\"态度很差\",\"received_at\":\"2026-11-02T09:00:00+08:00\","
            + "\"channel\":\"hotline\"\(extra)}").utf8)
    }

    @Test(arguments: [
        (",\"incident_at\":\"2026-11-03T09:00:00+08:00\"", "incident_at", "out_of_range"),
        (",\"incident_at\":\"昨晚\"", "incident_at", "invalid_timestamp"),
        (",\"complained_about\":\"\"", "complained_about", "empty"),
        (",\"resident_request\":42", "resident_request", "wrong_type"),
    ])
    func aBadRecordFieldIsDeadLetteredNamingIt(_ extra: String, _ field: String, _ reason: String) {
        var scratch = TriageScratch()
        guard case .rejected(let rejected) = Self.triage.item(body: Self.body(extra), routingKey: "complaint",
                                                               amqpMessageID: nil, scratch: &scratch) else {
            Issue.record("accepted a bad \(field)")
            return
        }
        #expect(rejected.field == field)
        #expect(rejected.reason == reason)
        #expect(rejected.messageID == "m-9")
        let letter = rejected.deadLetter(id: "dl-1")
        #expect(letter.headers["x-caretaker-field"] == field)
        #expect(letter.headers["x-caretaker-reason"] == reason)
    }

    @Test func goodRecordFieldsReachTheReportAndComplainedAboutAccuses() {
        var scratch = TriageScratch()
        let extra = ",\"incident_at\":\"2026-11-01T21:00:00+08:00\",\"complained_about\":\"保安小李\",\"resident_request\":\"要求道歉\""
        guard case .report(let message, _, let accused) = Self.triage.item(
            body: Self.body(extra), routingKey: "complaint", amqpMessageID: nil, scratch: &scratch) else {
            Issue.record("rejected valid record fields")
            return
        }
        #expect(message.complainedAbout == "保安小李")
        #expect(message.residentRequest == "要求道歉")
        #expect(message.incidentAt == RFC3339Timestamp("2026-11-01T21:00:00+08:00"))
        #expect(accused.contains(.security))
        guard case .report(_, _, let plain) = Self.triage.item(
            body: Self.body(""), routingKey: "complaint", amqpMessageID: nil, scratch: &scratch) else {
            Issue.record("rejected a message without the record fields")
            return
        }
        #expect(!plain.contains(.security))
    }
}
