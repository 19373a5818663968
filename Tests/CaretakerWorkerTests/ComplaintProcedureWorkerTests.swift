import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// The complaint procedure and the resident notices end to end: a real `caretaker run`, the
/// complaint published to `caretaker.intake`, the commands to `caretaker.commands`, and what
/// reaches `caretaker.events.resident` read back from the broker.
@Suite(.serialized) struct ComplaintProcedureWorkerTests {
    static let desk = #"{"id":"C0311","name":"陈主管","role":"supervisor","audience":"customer_service"}"#

    @Test(.requiring(.postgres, .rabbitmq)) func anInvalidComplaintIsExplainedAndTheResidentHearsEachStep() async throws {
        try await withScenario("complaint-notices") { scenario, workers in
            let worker = try await workers.start(scenario, "notices", ["CARETAKER_METRICS_PORT": "\(try HTTPProbe.freePort())"])
            let publisher = try await IntakePublisher(configuration: AMQPConfiguration(url: scenario.vhost.url))
            try await publisher.publish(IntakeMessage(
                messageID: "notice-1", kind: .complaint, text: "小区停水一上午了，物业也不通知，太不负责了",
                receivedAt: WorkerClock().now(), channel: .wechat, estate: "翠湖苑",
                resident: .init(name: "吴先生", phone: "13700001111", unit: "6-2-301")))
            try await publisher.flush()
            try await worker.waitForLog("case created", timeout: .seconds(30))
            let caseID = try await scenario.text("SELECT case_id::text FROM cases WHERE correlation_id = 'notice-1'")

            try await sendCommands([
                SentCommand(name: "reply", actor: Self.desk, fields: #","note":"已收到，正在核实""#),
                SentCommand(name: "assess", actor: Self.desk, fields: #","validity":"invalid","reason":"市政管网检修","other_body":"water_company""#),
                SentCommand(name: "inform_resident", actor: Self.desk, fields: #","note":"停水系自来水公司管网检修，预计今晚18点恢复供水。""#),
                SentCommand(name: "resolve", actor: Self.desk, fields: #","note":"供水已恢复""#),
            ], caseID: caseID, idPrefix: "notice", with: publisher, to: worker)
            await publisher.close()

            #expect(try await scenario.count("SELECT count(*)::int8 FROM inbox WHERE source = 'command' AND outcome = 'applied'") == 4)
            #expect(try await scenario.text("SELECT validity || ',' || other_body FROM cases") == "invalid,water_company")
            #expect(try await scenario.text("""
                SELECT string_agg(kind || ':' || state, ',' ORDER BY kind) FROM timers
                WHERE kind IN ('complaint_unresolved_month', 'invalid_complaint_explanation', 'other_body_contact')
                """) == "complaint_unresolved_month:cancelled,invalid_complaint_explanation:cancelled,other_body_contact:cancelled")

            let notices = try await scenario.bodies(of: Topology.eventQueue(for: .resident), count: 3)
            #expect(notices.map { $0["event_type"] } == [.string("notice.received"), .string("notice.informed"), .string("notice.resolved")])
            #expect(notices.first?["time_limit"]?["timer"] == .string("complaint_first_reply"))
            #expect(notices.first?["correlation_id"] == .string("notice-1"))
            if case .string(let text)? = notices[1]["text"] {
                #expect(text.hasSuffix("停水系自来水公司管网检修，预计今晚18点恢复供水。"))
            } else {
                Issue.record("notice.informed has no text")
            }
            for notice in notices.map(\.serialized) {
                #expect(!notice.contains("吴先生") && !notice.contains("13700001111") && !notice.contains("市政管网检修")
                        && !notice.contains("C0311"), "\(notice)")
            }
            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))
        }
    }
}
