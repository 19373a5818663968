import CaretakerCore
import Testing

/// The optional record fields of contract v1 (issue 11 item 4): `incident_at`, `complained_about`,
/// `resident_request` — decoded when present, each bad value named, and old messages still valid.
@Suite struct IntakeRecordFieldsTests {
    static func decode(_ overrides: [String: String?]) throws(IntakeDecodingError) -> IntakeMessage {
        try IntakeMessage.decode(from: Array(IntakeDecodingTests.json(overrides).utf8))
    }

    @Test func aMessageWithoutTheFieldsStaysValid() throws {
        let message = try Self.decode([:])
        #expect(message.incidentAt == nil)
        #expect(message.complainedAbout == nil)
        #expect(message.residentRequest == nil)
        let keys = message.json.serialized
        for key in ["incident_at", "complained_about", "resident_request"] { #expect(!keys.contains(key)) }
    }

    struct Good: CustomTestStringConvertible, Sendable {
        var incidentAt: String?
        var about: String?
        var request: String?
        var testDescription: String { "\(incidentAt ?? "-") \(about ?? "-") \(request ?? "-")" }
    }

    // received_at is 2026-03-02T09:15:00+08:00 (01:15:00Z).
    static let good: [Good] = [
        Good(incidentAt: "2026-03-01T22:40:00+08:00", about: "前台小王", request: "要求赔偿"),
        Good(incidentAt: "2026-03-02T01:15:00Z"),
        Good(incidentAt: "2026-03-02T01:20:00Z"),
        Good(incidentAt: "2025-12-24T18:00:00-05:00"),
        Good(about: "保安部"),
        Good(request: "要求上门维修"),
        Good(about: String(repeating: "保", count: 200), request: String(repeating: "修", count: 1_000)),
    ]

    @Test(arguments: good)
    func decodesTheFieldsAndEncodesThemBack(_ row: Good) throws {
        var overrides: [String: String?] = [:]
        if let value = row.incidentAt { overrides["incident_at"] = "\"\(value)\"" }
        if let value = row.about { overrides["complained_about"] = "\"\(value)\"" }
        if let value = row.request { overrides["resident_request"] = "\"\(value)\"" }
        let message = try Self.decode(overrides)
        #expect(message.incidentAt == row.incidentAt.flatMap(RFC3339Timestamp.init))
        #expect(message.incidentAt?.description == row.incidentAt)
        #expect(message.complainedAbout == row.about)
        #expect(message.residentRequest == row.request)
        let again = try IntakeMessage.decode(from: Array(message.json.serialized.utf8))
        #expect(again == message)
    }

    @Test func aRepairCarriesTheResidentsAppointment() throws {
        let message = try IntakeMessage.decode(from: Array(IntakeDecodingTests.json(
            ["appointment_at": "\"2026-03-03T14:00:00+08:00\""]).utf8))
        #expect(message.appointmentAt?.description == "2026-03-03T14:00:00+08:00")
        #expect(try IntakeMessage.decode(from: Array(message.json.serialized.utf8)) == message)
    }

    static let bad: [IntakeDecodingTests.Bad] = [
        .init(body: IntakeDecodingTests.json(["incident_at": "\"yesterday evening\""]), field: "incident_at", reason: .invalidTimestamp),
        .init(body: IntakeDecodingTests.json(["incident_at": "\"2026-03-01T22:40:00\""]), field: "incident_at", reason: .invalidTimestamp),
        .init(body: IntakeDecodingTests.json(["incident_at": "1772414100"]), field: "incident_at", reason: .wrongType),
        .init(body: IntakeDecodingTests.json(["incident_at": "null"]), field: "incident_at", reason: .wrongType),
        // More than five minutes after received_at (09:15 +08:00): 09:20:01, the next day, a wrong offset.
        .init(body: IntakeDecodingTests.json(["incident_at": "\"2026-03-02T09:20:01+08:00\""]), field: "incident_at", reason: .outOfRange),
        .init(body: IntakeDecodingTests.json(["incident_at": "\"2026-03-02T01:20:00.5Z\""]), field: "incident_at", reason: .outOfRange),
        .init(body: IntakeDecodingTests.json(["incident_at": "\"2026-03-03T09:00:00+08:00\""]), field: "incident_at", reason: .outOfRange),
        .init(body: IntakeDecodingTests.json(["incident_at": "\"2026-03-02T09:00:00Z\""]), field: "incident_at", reason: .outOfRange),
        // appointment_at: a repair's, not before received_at (09:15 +08:00).
        .init(body: IntakeDecodingTests.json(["appointment_at": "\"2026-03-02T09:14:59+08:00\""]), field: "appointment_at",
              reason: .outOfRange),
        .init(body: IntakeDecodingTests.json(["appointment_at": "\"tomorrow 2pm\""]), field: "appointment_at", reason: .invalidTimestamp),
        .init(body: IntakeDecodingTests.json(["kind": "\"complaint\"", "appointment_at": "\"2026-03-03T14:00:00+08:00\""]),
              field: "appointment_at", reason: .unknownValue),
        .init(body: IntakeDecodingTests.json(["complained_about": "\"\""]), field: "complained_about", reason: .empty),
        .init(body: IntakeDecodingTests.json(["complained_about": "[\"保安部\"]"]), field: "complained_about", reason: .wrongType),
        .init(body: IntakeDecodingTests.json(["complained_about": "\"\(String(repeating: "保", count: 201))\""]),
              field: "complained_about", reason: .tooLong),
        .init(body: IntakeDecodingTests.json(["resident_request": "\"\""]), field: "resident_request", reason: .empty),
        .init(body: IntakeDecodingTests.json(["resident_request": "{\"text\":\"要求赔偿\"}"]), field: "resident_request", reason: .wrongType),
        .init(body: IntakeDecodingTests.json(["resident_request": "\"\(String(repeating: "赔", count: 1_001))\""]),
              field: "resident_request", reason: .tooLong),
    ]

    @Test(arguments: bad)
    func namesTheBadField(_ row: IntakeDecodingTests.Bad) {
        do {
            let message = try IntakeMessage.decode(from: Array(row.body.utf8))
            Issue.record("accepted \(message.messageID) with a bad \(row.field)")
        } catch {
            #expect(error.field == row.field)
            #expect(error.reason == row.reason)
            #expect(error.messageID == "m-1")
            #expect(error.description.hasPrefix("\(row.field): \(row.reason.rawValue): "))
        }
    }

    @Test func errorsNeverEchoTheValues() {
        let body = IntakeDecodingTests.json([
            "resident_request": "\"\(String(repeating: "要求赔偿王秘密", count: 200))\"",
        ])
        do {
            _ = try IntakeMessage.decode(from: Array(body.utf8))
            Issue.record("accepted an over-long resident_request")
        } catch {
            #expect(error.field == "resident_request")
            #expect(!error.description.contains("王秘密"))
        }
    }
}
