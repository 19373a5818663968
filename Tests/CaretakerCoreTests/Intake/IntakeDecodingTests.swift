import CaretakerCore
import Foundation
import Testing

/// Contract v1: every kind of bad field yields its field and reason, never the resident's data.
@Suite struct IntakeDecodingTests {
    static let valid: [String: String] = [
        "message_id": "\"m-1\"", "kind": "\"repair\"", "text": "\"水龙头滴水\"",
        "received_at": "\"2026-03-02T09:15:00+08:00\"", "channel": "\"hotline\"",
    ]

    static func json(_ overrides: [String: String?]) -> String {
        var fields = valid
        for (key, value) in overrides { fields[key] = value }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var body: String
        var field: String
        var reason: IntakeDecodingError.Reason
        var testDescription: String { "\(field) \(reason.rawValue)" }
    }

    static let bad: [Bad] = [
        Bad(body: json(["message_id": nil]), field: "message_id", reason: .missing),
        Bad(body: json(["message_id": "7"]), field: "message_id", reason: .wrongType),
        Bad(body: json(["message_id": "\"\""]), field: "message_id", reason: .empty),
        Bad(body: json(["message_id": "\"\(String(repeating: "x", count: 129))\""]), field: "message_id", reason: .tooLong),
        Bad(body: json(["kind": nil]), field: "kind", reason: .missing),
        Bad(body: json(["kind": "\"question\""]), field: "kind", reason: .unknownValue),
        Bad(body: json(["text": nil]), field: "text", reason: .missing),
        Bad(body: json(["text": "null"]), field: "text", reason: .wrongType),
        Bad(body: json(["text": "\"\(String(repeating: "漏", count: 4001))\""]), field: "text", reason: .tooLong),
        Bad(body: json(["received_at": "\"2026-03-02 09:15:00\""]), field: "received_at", reason: .invalidTimestamp),
        Bad(body: json(["received_at": "\"2026-03-02T09:15:00\""]), field: "received_at", reason: .invalidTimestamp),
        Bad(body: json(["received_at": "\"2026-02-30T09:15:00Z\""]), field: "received_at", reason: .invalidTimestamp),
        Bad(body: json(["received_at": "1700000000"]), field: "received_at", reason: .wrongType),
        Bad(body: json(["channel": "\"fax\""]), field: "channel", reason: .unknownValue),
        Bad(body: json(["estate": "[]"]), field: "estate", reason: .wrongType),
        Bad(body: json(["resident": "\"张三\""]), field: "resident", reason: .wrongType),
        Bad(body: json(["resident": "{\"phone\": 13800138000}"]), field: "resident.phone", reason: .wrongType),
        Bad(body: json(["flags": "[\"injury\", \"fire\"]"]), field: "flags[1]", reason: .unknownValue),
        Bad(body: json(["flags": "[\"repeat\", \"repeat\"]"]), field: "flags[1]", reason: .duplicateValue),
        Bad(body: json(["flags": "\"injury\""]), field: "flags", reason: .wrongType),
        Bad(body: json(["reported_times": "0"]), field: "reported_times", reason: .outOfRange),
        Bad(body: json(["reported_times": "2.5"]), field: "reported_times", reason: .outOfRange),
        Bad(body: json(["reported_times": "\"3\""]), field: "reported_times", reason: .wrongType),
        Bad(body: json(["promised_feedback_at": "\"tomorrow\""]), field: "promised_feedback_at", reason: .invalidTimestamp),
        Bad(body: json(["attachments": "[\"ftp://x/y.jpg\"]"]), field: "attachments[0]", reason: .invalidURL),
        Bad(body: "{\"message_id\":\"a\",\"message_id\":\"b\"}", field: "message_id", reason: .duplicateField),
        Bad(body: "[1, 2]", field: "", reason: .notObject),
        Bad(body: "{\"message_id\": ", field: "", reason: .notJSON),
        Bad(body: "not json", field: "", reason: .notJSON),
    ]

    @Test(arguments: bad)
    func rejectsBadField(_ row: Bad) {
        #expect(throws: IntakeDecodingError.self) { try IntakeMessage.decode(from: Array(row.body.utf8)) }
        do {
            _ = try IntakeMessage.decode(from: Array(row.body.utf8))
        } catch {
            #expect(error.field == row.field)
            #expect(error.reason == row.reason)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func rejectsInvalidUTF8AndOversizedMessages() {
        var bytes = Array(Self.json([:]).utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        do {
            _ = try IntakeMessage.decode(from: bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.field.isEmpty)
        }
        let huge = Self.json(["estate": "\"\(String(repeating: "a", count: 70_000))\""])
        do {
            _ = try IntakeMessage.decode(from: Array(huge.utf8))
            Issue.record("accepted a message over 64 KiB")
        } catch {
            #expect(error.reason == .messageTooLarge)
        }
    }

    @Test func errorsNeverEchoResidentData() {
        let body = Self.json(["resident": "{\"name\":\"王秘密\",\"phone\":\"13912345678\",\"unit\":5}", "text": "\"我的秘密投诉\""])
        do {
            _ = try IntakeMessage.decode(from: Array(body.utf8))
            Issue.record("accepted a numeric unit")
        } catch {
            #expect(error.field == "resident.unit")
            #expect(error.messageID == "m-1")
            for secret in ["王秘密", "13912345678", "秘密投诉"] {
                #expect(!error.description.contains(secret))
                #expect(!error.message.contains(secret))
            }
        }
    }

    @Test func decodesAFullMessageAndIgnoresUnknownFields() throws {
        let body = """
            {"message_id":"hl-20260302-0001","kind":"complaint","text":"保安態度很差","received_at":"2026-03-02T09:15:00.250+08:00",
             "channel":"walk_in","estate":"翠苑","resident":{"name":"李","phone":"139","unit":"3-2-1201"},"location":"北门",
             "category_hint":"guard_conduct","flags":["repeat","compensation"],"reported_times":3,
             "promised_feedback_at":"2026-03-03T18:00:00+08:00","attachments":["https://example.com/a.jpg"],"future_field":{"x":1}}
            """
        let message = try IntakeMessage.decode(from: Array(body.utf8))
        #expect(message.kind == .complaint)
        #expect(message.channel == .walkIn)
        #expect(message.flags == [.repeat, .compensation])
        #expect(message.reportedTimes == 3)
        #expect(message.resident?.unit == "3-2-1201")
        #expect(message.receivedAt.utcOffsetMinutes == 480)
        #expect(message.receivedAt.nanoseconds == 250_000_000)
        #expect(message.receivedAt.secondsSinceEpoch == 1_772_414_100)
        #expect(message.attachments == ["https://example.com/a.jpg"])
    }

    struct Stamp: Sendable, CustomTestStringConvertible {
        var text: String
        var seconds: Int64?
        var offset: Int16 = 0
        var testDescription: String { text }
    }

    static let stamps: [Stamp] = [
        Stamp(text: "1970-01-01T00:00:00Z", seconds: 0),
        Stamp(text: "2026-03-02T09:15:00+08:00", seconds: 1_772_414_100, offset: 480),
        Stamp(text: "2026-03-02t01:15:00z", seconds: 1_772_414_100),
        Stamp(text: "2024-02-29T23:59:59-05:30", seconds: 1_709_270_999, offset: -330),
        Stamp(text: "1969-12-31T23:59:59Z", seconds: -1),
        Stamp(text: "2023-02-29T00:00:00Z"),
        Stamp(text: "2026-13-01T00:00:00Z"),
        Stamp(text: "2026-03-02T24:00:00Z"),
        Stamp(text: "2026-03-02T09:15:60Z"),
        Stamp(text: "2026-03-02T09:15:00+0800"),
        Stamp(text: "2026-03-02T09:15:00.Z"),
        Stamp(text: "2026-03-02T09:15Z"),
        Stamp(text: ""),
    ]

    @Test(arguments: stamps)
    func parsesRFC3339Strictly(_ row: Stamp) {
        let parsed = RFC3339Timestamp(row.text)
        #expect(parsed?.secondsSinceEpoch == row.seconds)
        if let parsed {
            #expect(parsed.utcOffsetMinutes == row.offset)
            #expect(RFC3339Timestamp(parsed.description) == parsed)
        }
    }
}
