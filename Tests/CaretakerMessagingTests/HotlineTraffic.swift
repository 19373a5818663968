import CaretakerCore
import CaretakerTestSupport
import Foundation

/// Realistic intake messages: the labelled corpus's reports, re-sent under fresh message ids.
enum HotlineTraffic {
    /// The corpus intake objects, parsed once.
    static let corpus: [JSONValue] = {
        let url = TestServers.repositoryRoot.appendingPathComponent("corpus/train.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONParser.parse(Array(line.utf8)))?["intake"]
        }
    }()

    /// `count` valid reports with ids `prefix-0…`, cycling through the corpus, received now and
    /// without the corpus's (long past) promised feedback times, so no SLA timer falls due while a
    /// test runs.
    static func reports(_ count: Int, prefix: String) -> [(routingKey: String, body: [UInt8], messageID: String?)] {
        precondition(!corpus.isEmpty, "corpus fixture missing")
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let receivedAt = format.string(from: Date())
        return (0..<count).map { index in
            let id = "\(prefix)-\(index)"
            let intake = withMessageID(corpus[index % corpus.count], id, receivedAt: receivedAt)
            let kind: String
            if case .string(let value)? = intake["kind"] { kind = value } else { kind = "complaint" }
            return (kind, intake.serializedUTF8, id)
        }
    }

    /// The same intake object with another `message_id` and, when given, `received_at` (and then
    /// no `promised_feedback_at`).
    static func withMessageID(_ intake: JSONValue, _ id: String, receivedAt: String? = nil) -> JSONValue {
        guard case .object(let members) = intake else { return intake }
        let kept = members.filter { receivedAt == nil || $0.key != "promised_feedback_at" }
        return .object(kept.map { member in
            switch member.key {
            case "message_id": (member.key, .string(id))
            case "received_at": (member.key, receivedAt.map { .string($0) } ?? member.value)
            default: member
            }
        })
    }

    /// Fifty malformed messages of different kinds, each with the reason Caretaker must give.
    static func malformed(prefix: String) -> [(routingKey: String, body: [UInt8], messageID: String?, reason: String)] {
        let valid = reports(1, prefix: "\(prefix)-template")[0].body
        let template = String(decoding: valid, as: UTF8.self)
        let kinds: [(body: [UInt8], reason: String)] = [
            (Array("not json at all".utf8), "not_json"),
            (Array("[1, 2, 3]".utf8), "not_object"),
            ([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "invalid_utf8"),
            (Array(#"{"kind":"repair","text":"灯坏了","received_at":"2026-11-02T08:00:00+08:00","channel":"hotline"}"#.utf8), "missing"),
            (Array(#"{"message_id":42,"kind":"repair","text":"灯坏了","received_at":"2026-11-02T08:00:00+08:00","channel":"hotline"}"#.utf8), "wrong_type"),
            (Array(#"{"message_id":"x","kind":"request","text":"灯坏了","received_at":"2026-11-02T08:00:00+08:00","channel":"hotline"}"#.utf8), "unknown_value"),
            (Array(#"{"message_id":"x","kind":"repair","text":"灯坏了","received_at":"yesterday","channel":"hotline"}"#.utf8), "invalid_timestamp"),
            (Array(#"{"message_id":"x","kind":"repair","text":"","received_at":"2026-11-02T08:00:00+08:00","channel":"hotline"}"#.utf8), "empty"),
            (Array(template.replacingOccurrences(of: "\"channel\"", with: "\"reported_times\": 0, \"channel\"").utf8), "out_of_range"),
            (Array("{\"message_id\":\"x\",\"kind\":\"repair\",\"text\":\"\(String(repeating: "漏", count: 5000))\",\"received_at\":\"2026-11-02T08:00:00+08:00\",\"channel\":\"hotline\"}".utf8), "too_long"),
        ]
        return (0..<50).map { index in
            let kind = kinds[index % kinds.count]
            return ("repair", kind.body, "\(prefix)-bad-\(index)", kind.reason)
        }
    }
}
