import CaretakerTestSupport
import Foundation
import Testing

/// The real `caretaker run` serves `/livez`, `/readyz` and `/metrics` on `metrics.port`, and
/// logs one "case created" line per case with no resident data.
@Suite(.serialized) struct ObservabilityWorkerTests {
    @Test(.requiring(.postgres, .rabbitmq)) func endpointsAnswerAndCountersMatchWhatWasPublished() async throws {
        try await withScenario("observe") { scenario, workers in
            let port = try HTTPProbe.freePort()
            let worker = try await workers.start(scenario, "observe", ["CARETAKER_METRICS_PORT": "\(port)"])
            try await eventually("/livez answers 200", timeout: .seconds(10)) {
                try HTTPProbe.get(port: port, "/livez").status == 200
            }
            try await eventually("/readyz answers 200", timeout: .seconds(20)) {
                try HTTPProbe.get(port: port, "/readyz").status == 200
            }
            let published = 25
            try await scenario.publish(published, prefix: "observe")
            try await eventually("the counters show \(published) cases", timeout: .seconds(30)) {
                let body = try HTTPProbe.get(port: port, "/metrics").body
                return body.contains(#"caretaker_messages_acked_total{queue="intake"} \#(published)"#)
                    && body.contains("caretaker_cases_created_total \(published)")
            }
            let scrape = try HTTPProbe.get(port: port, "/metrics")
            #expect(scrape.body.contains(#"caretaker_consuming{queue="commands"} 1"#))
            #expect(scrape.body.contains("caretaker_intake_batch_duration_seconds_count"))
            #expect(scrape.body.contains("caretaker_database_up 1"))

            try await worker.waitForLog("case created", count: published, timeout: .seconds(10))
            for line in worker.logLines(message: "case created") {
                #expect(line["case_number"] != nil && line["message_id"] != nil && line["correlation_id"] != nil)
                #expect(line["department"] != nil && line["kind"] != nil)
                #expect(line.keys.allSatisfy { !["phone", "name", "text", "resident"].contains($0) })
            }

            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))
            #expect(try HTTPProbe.get(port: port, "/readyz").status != 200)
        }
    }
}
