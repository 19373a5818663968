import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// Major works end to end (seed 003 五(二)3–4): a real `caretaker run`; a building-quality defect
/// published to `caretaker.intake` is triaged major and `developer`, the developer's queue receives
/// the work-contact note without the resident's contact, and the plan, its two approvals and a
/// progress entry sent to `caretaker.commands` move the timers.
@Suite(.serialized) struct MajorWorksWorkerTests {
    static let manager = #"{"id":"E2001","name":"周经理","role":"engineering_manager","audience":"engineering"}"#
    static let director = #"{"id":"M0001","name":"林主任","role":"director","audience":"management"}"#

    @Test(.requiring(.postgres, .rabbitmq)) func aDefectIsNotedToTheDeveloperAndItsPlanIsApprovedAndProgressed() async throws {
        try await withScenario("major-works") { scenario, workers in
            let worker = try await workers.start(scenario, "works", ["CARETAKER_METRICS_PORT": "\(try HTTPProbe.freePort())"])
            let publisher = try await IntakePublisher(configuration: AMQPConfiguration(url: scenario.vhost.url))
            try await publisher.publish(IntakeMessage(
                messageID: "works-1", kind: .repair, text: "交房才一年，6号楼外墙多处瓷砖空鼓脱落，需要搭脚手架整体更换，还在开发商保修期内。",
                receivedAt: WorkerClock().now(), channel: .hotline, estate: "翠湖花园",
                resident: .init(name: "郑先生", phone: "13600002222", unit: "6-1-1502"), location: "6号楼外墙"))
            try await publisher.flush()
            try await worker.waitForLog("case created", timeout: .seconds(30))
            #expect(try await scenario.text("SELECT priority || ',' || responsibility FROM cases") == "major,developer")
            let caseID = try await scenario.text("SELECT case_id::text FROM cases WHERE correlation_id = 'works-1'")

            let notes = try await scenario.bodies(of: Topology.eventQueue(for: .developer), count: 1)
            #expect(notes.first?["event_type"] == .string("contact_note.issued"))
            #expect(notes.first?["location"] == .string("6号楼外墙"))
            if let note = notes.first?.serialized {
                #expect(!note.contains("郑先生") && !note.contains("13600002222") && !note.contains("6-1-1502"), "\(note)")
            }

            try await sendCommands([
                SentCommand(name: "accept", actor: Self.manager, fields: ""),
                SentCommand(name: "plan", actor: Self.manager,
                            fields: #","summary":"搭设脚手架，分三段更换空鼓瓷砖","expected_completion":"2027-01-20T18:00:00+08:00""#),
                SentCommand(name: "approve_plan", actor: Self.manager, fields: #","approver":"engineering_manager""#),
                SentCommand(name: "approve_plan", actor: Self.director, fields: #","approver":"director","note":"同意，注意安全围挡""#),
                SentCommand(name: "progress", actor: Self.manager, fields: #","note":"脚手架搭设完成","percent_done":15"#),
            ], caseID: caseID, idPrefix: "works", with: publisher, to: worker)
            await publisher.close()

            #expect(try await scenario.count("SELECT count(*)::int8 FROM inbox WHERE source = 'command' AND outcome = 'applied'") == 5)
            #expect(try await scenario.text("SELECT plan_state || ',' || array_to_string(plan_approvals, '+') FROM cases")
                    == "approved,engineering_manager+director")
            #expect(try await scenario.text("""
                SELECT string_agg(kind || ':' || state || ':v' || deadline_version, ',' ORDER BY kind, deadline_version) FROM timers
                WHERE kind IN ('long_repair_plan', 'repair_daily_progress')
                """) == "long_repair_plan:cancelled:v1,repair_daily_progress:cancelled:v1,repair_daily_progress:pending:v2",
                    "the approval answers the plan timer; the entry moves the daily deadline on")
            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))
        }
    }
}
