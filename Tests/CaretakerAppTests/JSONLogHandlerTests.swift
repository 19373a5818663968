import CaretakerApp
import CaretakerCore
import Logging
import Synchronization
import Testing

/// The JSON log handler writes each key once, whatever metadata a caller passes.
@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let collected = Mutex<[String]>([])
    }

    @Test(arguments: ["time", "level", "logger", "message"])
    func aMetadataKeyNamedLikeALineKeyIsKeptApart(key: String) throws {
        let lines = Lines()
        var logger = Logger(label: "test.json") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.collected.withLock { $0.append(line) } }
        }
        logger[metadataKey: "component"] = "timers"
        logger.warning("constant message", metadata: [key: "domain value", "case_number": "BX-1"])
        let line = try #require(lines.collected.withLock { $0 }.first)
        #expect(line.hasSuffix("\n"))
        // JSONParser refuses a repeated key.
        let object = try JSONParser.parse(Array(line.dropLast().utf8))
        #expect(object["level"] == .string("warning"))
        #expect(object["message"] == .string("constant message"))
        #expect(object["logger"] == .string("test.json"))
        #expect(object["metadata.\(key)"] == .string("domain value"))
        #expect(object["component"] == .string("timers"))
        #expect(object["case_number"] == .string("BX-1"))
    }

    @Test func textAndJSONLinesCarryTheSameClockAndOffset() throws {
        let lines = Lines()
        let json = Logger(label: "test.json") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.collected.withLock { $0.append(line) } }
        }
        let text = Logger(label: "test.text") { label in
            JSONLogHandler(label: label, level: .info, style: .text) { line in lines.collected.withLock { $0.append(line) } }
        }
        json.info("same moment")
        text.info("same moment", metadata: ["case_number": "BX-1"])
        let collected = lines.collected.withLock { $0 }
        try #require(collected.count == 2)
        let object = try JSONParser.parse(Array(collected[0].dropLast().utf8))
        guard case .string(let jsonTime)? = object["time"] else { Issue.record("no time"); return }
        let textTime = String(collected[1].prefix { $0 != " " })
        // Same format and offset (the seconds may tick between the two calls).
        #expect(textTime.suffix(6) == jsonTime.suffix(6), "\(textTime) vs \(jsonTime)")
        #expect(RFC3339Timestamp(textTime) != nil)
        #expect(collected[1].hasSuffix(" info test.text: same moment case_number=BX-1\n"))
    }
}
