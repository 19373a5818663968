import CaretakerCore
import Testing

/// Random bytes and mutated messages never crash decoding or classification, and every one of
/// them gets one of the two answers the contract allows (see ``checkContract(_:scratch:)``).
@Suite struct FuzzTests {

    static let seedMessage = Array("""
        {"message_id":"f-1","kind":"repair","text":"不是漏水，是排風扇壞了，第三次反映","received_at":"2026-03-02T09:15:00+08:00","channel":"app","flags":["repeat"],"reported_times":2,"resident":{"unit":"1-1"}}
        """.utf8)

    static let alphabet: [UInt8] = Array("{}[],:\"\\0123456789-+.eEtrufalsn ".utf8) + [0xE6, 0xBC, 0x8F, 0xFF, 0xC0, 0x00]

    /// The contract's top-level fields: every field-level error names one of these (or a path
    /// below one, `resident.phone`, `flags[1]`).
    static let contractFields: Set<String> = [
        "message_id", "kind", "text", "received_at", "channel", "estate", "resident", "location",
        "category_hint", "flags", "reported_times", "promised_feedback_at", "attachments",
    ]
    /// Problems with the message as a whole, reported without a field.
    static let wholeMessageReasons: Set<IntakeDecodingError.Reason> = [.invalidUTF8, .notJSON, .notObject, .messageTooLarge]

    /// Decodes `bytes` and checks what the contract promises for any input: a valid message is
    /// classified and survives encoding and decoding again unchanged; anything else is refused
    /// with an error that names its field (or none, for a problem with the whole message) and
    /// a message for people. Returns `accepted` or the refusal's reason.
    static func checkContract(_ bytes: [UInt8], scratch: inout TriageScratch) -> String {
        do {
            let message = try IntakeMessage.decode(from: bytes)
            let decision = TestRules.classifier.classify(message, scratch: &scratch)
            #expect(!decision.reasons.isEmpty)
            #expect(try IntakeMessage.decode(from: message.json.serializedUTF8) == message,
                    "an accepted message round-trips")
            return "accepted"
        } catch {
            #expect(!error.message.isEmpty)
            if wholeMessageReasons.contains(error.reason) {
                #expect(error.field.isEmpty, "\(error.reason) is about the whole message, not \(error.field)")
            } else if error.reason == .duplicateField {
                #expect(!error.field.isEmpty, "a duplicate names its key")
            } else {
                let root = String(error.field.prefix { $0 != "." && $0 != "[" })
                #expect(contractFields.contains(root), "\(error.reason) names the contract field \(error.field)")
            }
            return error.reason.rawValue
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomBytesAreRefusedWithAReasonOrAcceptedAndRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var scratch = TriageScratch()
        var outcomes: [String: Int] = [:]
        for _ in 0..<1000 {
            let length = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : Self.alphabet.randomElement(using: &rng)!
            }
            outcomes[Self.checkContract(bytes, scratch: &scratch), default: 0] += 1
        }
        // Random bytes are almost never JSON; the refusals say so instead of guessing a field.
        #expect(outcomes["not_json", default: 0] + outcomes["invalid_utf8", default: 0] > 900, "\(outcomes)")
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func mutatedMessagesAreRefusedWithAReasonOrAcceptedAndRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var scratch = TriageScratch()
        var outcomes: [String: Int] = [:]
        for _ in 0..<1000 {
            var bytes = Self.seedMessage
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(Self.alphabet.randomElement(using: &rng)!, at: index)
                default: bytes[index] = Self.alphabet.randomElement(using: &rng)!
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            outcomes[Self.checkContract(bytes, scratch: &scratch), default: 0] += 1
        }
        // Small mutations of a valid message reach both sides: some stay valid, and the refusals
        // go beyond "not JSON" to field-level reasons.
        #expect(outcomes["accepted", default: 0] > 0, "\(outcomes)")
        let fieldLevel = outcomes.keys.filter { outcome in
            IntakeDecodingError.Reason(rawValue: outcome).map { !Self.wholeMessageReasons.contains($0) } ?? false
        }
        #expect(!fieldLevel.isEmpty, "\(outcomes)")
    }

    @Test func randomUnicodeTextClassifies() {
        var rng = SplitMix64(seed: 99)
        var scratch = TriageScratch()
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...120, using: &rng) {
                let value = [UInt32.random(in: 0x20...0x7E, using: &rng), UInt32.random(in: 0x4E00...0x9FFF, using: &rng),
                             UInt32.random(in: 0xFF01...0xFF5E, using: &rng), UInt32.random(in: 0x1F300...0x1F6FF, using: &rng),
                             UInt32.random(in: 0x20000...0x2A6DF, using: &rng)].randomElement(using: &rng)!
                text.append(Unicode.Scalar(value)!)
            }
            let kind: IntakeMessage.Kind = Bool.random(using: &rng) ? .complaint : .repair
            let decision = TestRules.classifier.classify(TestRules.message(String(text), kind: kind), scratch: &scratch)
            #expect((decision.severity != nil) == (kind == .complaint))
        }
    }
}
