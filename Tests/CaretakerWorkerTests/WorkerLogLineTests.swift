import CaretakerCore
import CaretakerTestSupport
import Foundation
import Testing

/// Every line a real `caretaker run` writes in the JSON log format is one JSON object that names
/// each key once: a log pipeline (`jq`, journald, Loki) must never see two `level`s and file a
/// line under the wrong severity.
@Suite(.serialized) struct WorkerLogLineTests {
    @Test(.requiring(.postgres, .rabbitmq)) func everyJSONLogLineHasUniqueKeysAndEscalationsNameTheirLevelApart() async throws {
        try await withScenario("loglines") { scenario, workers in
            // Ten SLA hours a second: urgent repairs escalate within seconds.
            let worker = try await workers.start(scenario, "loglines", [
                "CARETAKER_METRICS_PORT": "\(try HTTPProbe.freePort())", "CARETAKER_CLOCK_TIME_SCALE": "36000",
            ])
            try await scenario.publish(12, prefix: "loglines")
            try await worker.waitForLog("case created", count: 12, timeout: .seconds(30))
            try await worker.waitForLog("case escalated", count: 3, timeout: .seconds(60))
            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))

            let lines = worker.logText().split(separator: "\n")
            #expect(lines.count > 12)
            var escalations = 0
            for line in lines {
                let object: JSONValue
                do {
                    // JSONParser refuses duplicate keys (`duplicate_key`) as well as malformed lines.
                    object = try JSONParser.parse(Array(line.utf8))
                } catch {
                    Issue.record("\(error): \(line)")
                    continue
                }
                guard case .object = object else {
                    Issue.record("not a JSON object: \(line)")
                    continue
                }
                #expect(Self.logLevels.contains(Self.string(object["level"]) ?? "-"), "\(line)")
                guard Self.string(object["message"]) == "case escalated" else { continue }
                escalations += 1
                #expect(Self.string(object["level"]) == "info")
                #expect(["1", "2", "3"].contains(Self.string(object["escalation_level"]) ?? "-"), "\(line)")
                #expect(Self.string(object["escalation_level_name"]) != nil, "\(line)")
            }
            #expect(escalations >= 3)
        }
    }

    static let logLevels: Set<String> = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
}
