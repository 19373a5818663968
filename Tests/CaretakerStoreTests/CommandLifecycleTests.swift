import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

/// Whole lifecycles driven by command bodies as consoles send them, checking the case, its
/// archive and the events after every step.
@Suite(.serialized) struct CommandLifecycleTests {
    struct Step: Sendable {
        var command: String
        var actor: String
        var fields: [String: String?]
        var state: CaseState
        var audiences: [String]
    }

    static let repairAudiences = ["engineering", "customer_service"]
    static let complaintAudiences = ["security", "customer_service", "management", "leadership", "quality"]

    static let repairSteps: [Step] = [
        Step(command: "accept", actor: CommandScenario.technician, fields: [:], state: .accepted, audiences: repairAudiences),
        Step(command: "arrive", actor: CommandScenario.technician, fields: [:], state: .onSite, audiences: repairAudiences),
        Step(command: "complete", actor: CommandScenario.technician, fields: ["note": "\"更换灯管\""],
             state: .completed, audiences: repairAudiences),
        Step(command: "return_work_order", actor: CommandScenario.technician, fields: [:],
             state: .workOrderReturned, audiences: repairAudiences),
        Step(command: "follow_up", actor: CommandScenario.receptionist, fields: ["satisfaction": "5", "note": "\"满意\""],
             state: .followedUp, audiences: repairAudiences),
        Step(command: "close", actor: CommandScenario.receptionist, fields: [:], state: .closed, audiences: repairAudiences),
    ]

    static let complaintSteps: [Step] = [
        Step(command: "accept", actor: CommandScenario.guardLead, fields: [:], state: .accepted, audiences: complaintAudiences),
        Step(command: "reply", actor: CommandScenario.guardLead, fields: ["note": "\"已向住户致歉\""],
             state: .acknowledged, audiences: complaintAudiences),
        // A major complaint: the office meeting, then a manager resolves it (seed 000 3.2).
        Step(command: "hold_meeting", actor: CommandScenario.manager, fields: ["note": "\"经理牵头处理\""],
             state: .acknowledged, audiences: complaintAudiences),
        Step(command: "resolve", actor: CommandScenario.manager, fields: ["note": "\"涉事保安已培训\""],
             state: .resolved, audiences: complaintAudiences),
        // Its final visit is quality management's, with the corrective report (seed 004 第2篇 四).
        Step(command: "follow_up", actor: CommandScenario.qualityOfficer,
             fields: ["satisfaction": "4", "corrective_report": "\"保安队加强培训，每月考核\""],
             state: .followedUp, audiences: complaintAudiences),
        Step(command: "close", actor: CommandScenario.receptionist, fields: [:], state: .closed, audiences: complaintAudiences),
        Step(command: "reopen", actor: CommandScenario.receptionist, fields: ["reason": "\"住户申请复核\""],
             state: .accepted, audiences: complaintAudiences),
    ]

    /// Sends each step as a body with its own id and time, checking the case after each.
    func drive(_ steps: [Step], kind: IntakeMessage.Kind, in scenario: CommandScenario) async throws -> (id: String, number: String) {
        let created = try await scenario.createCase(kind)
        var previous = CaseState.initial(for: kind)
        for (index, step) in steps.enumerated() {
            let commandID = "\(kind.rawValue)-\(index)-\(step.command)"
            let at = "2026-11-\(3 + index < 10 ? "0" : "")\(3 + index)T10:00:00+08:00"
            let outboxBefore = try await scenario.maxOutboxID()
            let body = CommandScenario.body(id: commandID, caseID: created.id, actor: step.actor, at: at, step.fields)
            let outcome = try await scenario.send(bytes: body, routingKey: step.command)
            #expect(outcome == .applied(caseNumber: created.number, state: step.state), "\(step.command)")
            #expect(try await scenario.column("state", of: created.id, as: String.self) == step.state.rawValue)

            let history = try await scenario.history(created.id)
            #expect(history.count == index + 2, "\(step.command)")
            let actorID = step.actor == CommandScenario.technician ? "E1024"
                : step.actor == CommandScenario.guardLead ? "S0007"
                : step.actor == CommandScenario.manager ? "M0001"
                : step.actor == CommandScenario.qualityOfficer ? "Q0002" : "C0311"
            #expect(history.last == CommandScenario.Step(step: step.command, from: previous.rawValue,
                                                        to: step.state.rawValue, actor: actorID))
            let row = try await scenario.connection.query("""
                SELECT source_id, occurred_at FROM case_history WHERE case_id = \(created.id)::uuid ORDER BY id DESC LIMIT 1
                """).single()
            #expect(try row.decode("source_id", as: String.self) == commandID)
            #expect(try row.decode("occurred_at", as: Date.self).timeIntervalSince1970
                == Double(RFC3339Timestamp(at)!.secondsSinceEpoch))

            #expect(try await scenario.outboxKeys(after: outboxBefore) == step.audiences.map { "\($0).case.updated" })
            let event = try await scenario.lastEvent()
            #expect(event["state"] == .string(step.state.rawValue))
            #expect(event["change"]?["step"] == .string(step.command))
            #expect(event["change"]?["from_state"] == .string(previous.rawValue))
            #expect(event["change"]?["actor"]?["id"] == .string(actorID))
            #expect(event["occurred_at"] == .string(at))
            previous = step.state
        }
        return created
    }

    @Test(.requiring(.postgres)) func aRepairRunsFromDispatchToClosed() async throws {
        try await CommandScenario.run("cmd_repair_life") { scenario in
            let repair = try await drive(Self.repairSteps, kind: .repair, in: scenario)
            #expect(try await scenario.history(repair.id).map(\.step)
                == ["created", "accept", "arrive", "complete", "return_work_order", "follow_up", "close"])
            #expect(try await scenario.column("satisfaction", of: repair.id, as: Int.self) == 5)
            let closedAt = try await scenario.column("closed_at", of: repair.id, as: Date.self)
            #expect(closedAt.timeIntervalSince1970 == Double(RFC3339Timestamp("2026-11-08T10:00:00+08:00")!.secondsSinceEpoch))
            let updatedAt = try await scenario.column("updated_at", of: repair.id, as: Date.self)
            #expect(updatedAt.timeIntervalSince1970 == Double(CommandScenario.now.secondsSinceEpoch))
            // Nothing more once closed, except a review.
            #expect(try await scenario.send("accept", to: repair.id) == .rejected(.lifecycle(.invalidForState)))
        }
    }

    @Test(.requiring(.postgres)) func aComplaintRunsToClosedAndAReviewReopensIt() async throws {
        try await CommandScenario.run("cmd_complaint_life") { scenario in
            let complaint = try await drive(Self.complaintSteps, kind: .complaint, in: scenario)
            #expect(try await scenario.history(complaint.id).map(\.step)
                == ["created", "accept", "reply", "hold_meeting", "resolve", "follow_up", "close", "reopen"])
            #expect(try await scenario.column("satisfaction", of: complaint.id, as: Int.self) == 4)
            #expect(try await scenario.column("reopenings", of: complaint.id, as: Int.self) == 1)
            #expect(try await scenario.column("closed_at", of: complaint.id, as: Date?.self) == nil)
            let details = try await scenario.lastHistoryDetails(complaint.id)
            #expect(details == .object([("reason", .string("住户申请复核")), ("reopening", .number(1))]))
            // The complaint is about security's own guards: security's events never carry the contact.
            let contacts = try await scenario.connection.query("""
                SELECT routing_key, convert_from(body, 'UTF8')::jsonb -> 'contact' AS contact FROM outbox
                WHERE routing_key LIKE '%.case.updated' ORDER BY id
                """).map { (try $0.decode("routing_key", as: String.self), try $0.decode("contact", as: String.self)) }
            for (key, contact) in contacts {
                #expect((contact == "null") == key.hasPrefix("security."), "\(key)")
            }
        }
    }
}
