import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

/// Refusals, duplicates, lookups by number, malformed bodies and reassignment, each on a fresh database.
@Suite(.serialized) struct CommandProcessorTests {
    @Test func outcomesDescribeThemselvesWithoutTheCommandsText() throws {
        #expect(CommandOutcome.applied(caseNumber: "BX-20261102-000001", state: .onSite).description
            == "applied BX-20261102-000001 on_site")
        #expect(CommandOutcome.rejected(.lifecycle(.postponeLimitReached)).description == "rejected postpone_limit_reached")
        #expect(CommandOutcome.rejected(.unknownCase).description == "rejected unknown_case")
        let body = CommandScenario.body(id: "c-1", caseID: Self.caseID, ["note": "\"\(String(repeating: "住户13800001234", count: 200))\""])
        do {
            _ = try ConsoleCommand.decode(from: body, routingKey: "reply")
            Issue.record("accepted a note that is too long")
        } catch {
            let text = CommandOutcome.malformed(error).description
            #expect(text.hasPrefix("malformed note: too_long"))
            #expect(!text.contains("13800001234"))
            #expect(!text.contains("李师傅"))
        }
    }

    @Test(.requiring(.postgres)) func aThirdPostponementIsRefusedAndLeavesTheCaseAlone() async throws {
        try await CommandScenario.run("cmd_postpone") { scenario in
            let repair = try await scenario.createCase(.repair)
            for (index, until) in ["2026-11-04T18:00:00+08:00", "2026-11-06T18:00:00+08:00"].enumerated() {
                let outcome = try await scenario.send("postpone", to: repair.id, ["until": "\"\(until)\"", "reason": "\"等配件\""])
                #expect(outcome == .applied(caseNumber: repair.number, state: .dispatched))
                #expect(try await scenario.column("postponements", of: repair.id, as: Int.self) == index + 1)
                let promised = try await scenario.column("promised_feedback_at", of: repair.id, as: Date.self)
                #expect(promised.timeIntervalSince1970 == Double(RFC3339Timestamp(until)!.secondsSinceEpoch))
            }
            let details = try await scenario.lastHistoryDetails(repair.id)
            #expect(details["postponement"] == .number(2))
            #expect(details["previous_promised_feedback_at"] == .string("2026-11-04T10:00:00Z"))
            let historyBefore = try await scenario.history(repair.id)
            let outboxBefore = try await scenario.maxOutboxID()

            let third = try await scenario.send("postpone", to: repair.id,
                                                ["until": "\"2026-11-08T18:00:00+08:00\"", "reason": "\"还要等\""])
            #expect(third == .rejected(.lifecycle(.postponeLimitReached)))
            #expect(try await scenario.column("postponements", of: repair.id, as: Int.self) == 2)
            #expect(try await scenario.history(repair.id) == historyBefore)
            #expect(try await scenario.outboxKeys(after: outboxBefore) == ["engineering.command.rejected"])
            let event = try await scenario.lastEvent()
            #expect(rejection(event).reason == "postpone_limit_reached")
            #expect(rejection(event).command == "postpone")
            #expect(event["case_number"] == .string(repair.number))
            #expect(event["contact"] == nil)
        }
    }

    @Test(.requiring(.postgres)) func anOutOfOrderCommandIsRefusedWithInvalidForState() async throws {
        try await CommandScenario.run("cmd_order") { scenario in
            let repair = try await scenario.createCase(.repair)
            let complaint = try await scenario.createCase(.complaint)
            let outboxBefore = try await scenario.maxOutboxID()
            #expect(try await scenario.send("complete", to: repair.id) == .rejected(.lifecycle(.invalidForState)))
            #expect(try await scenario.send("arrive", to: complaint.id, actor: CommandScenario.guardLead)
                == .rejected(.lifecycle(.notForKind)))
            #expect(try await scenario.column("state", of: repair.id, as: String.self) == "dispatched")
            #expect(try await scenario.history(repair.id).count == 1)
            #expect(try await scenario.history(complaint.id).count == 1)
            #expect(try await scenario.outboxKeys(after: outboxBefore)
                == ["engineering.command.rejected", "security.command.rejected"])
            let outcomes = try await scenario.connection.query(
                "SELECT outcome FROM inbox WHERE source = 'command' ORDER BY processed_at, outcome"
            ).map { try $0.decode(0, as: String.self) }
            #expect(outcomes.sorted() == ["rejected:invalid_for_state", "rejected:not_for_kind"])
        }
    }

    @Test(.requiring(.postgres)) func theSameCommandIDTwiceIsAppliedOnce() async throws {
        try await CommandScenario.run("cmd_dupe") { scenario in
            let repair = try await scenario.createCase(.repair)
            #expect(try await scenario.send("accept", to: repair.id, id: "cmd-accept-1")
                == .applied(caseNumber: repair.number, state: .accepted))
            let outbox = try await scenario.outboxCount()
            #expect(try await scenario.send("accept", to: repair.id, id: "cmd-accept-1") == .duplicate)
            // Even as a different command the id is taken: it names one action of one console.
            #expect(try await scenario.send("arrive", to: repair.id, id: "cmd-accept-1") == .duplicate)
            #expect(try await scenario.history(repair.id).map(\.step) == ["created", "accept"])
            #expect(try await scenario.outboxCount() == outbox)
            #expect(try await scenario.column("state", of: repair.id, as: String.self) == "accepted")
        }
    }

    @Test(.requiring(.postgres)) func concurrentDeliveriesOfOneCommandApplyItOnce() async throws {
        try await CommandScenario.run("cmd_race") { scenario in
            let repair = try await scenario.createCase(.repair)
            let body = CommandScenario.body(id: "cmd-race", caseID: repair.id, ["until": "\"2026-11-04T18:00:00+08:00\"", "reason": "\"等\""])
            let connections = [try await scenario.database.connect(), try await scenario.database.connect(),
                               try await scenario.database.connect()]
            let outcomes = try await withThrowingTaskGroup(of: CommandOutcome.self) { group in
                for connection in connections {
                    group.addTask {
                        try await CommandProcessor().apply(body: body, routingKey: "postpone", amqpMessageID: nil,
                                                           now: CommandScenario.now, on: connection)
                    }
                }
                return try await group.reduce(into: [CommandOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .duplicate }.count == 2)
            #expect(outcomes.contains(.applied(caseNumber: repair.number, state: .dispatched)))
            #expect(try await scenario.column("postponements", of: repair.id, as: Int.self) == 1)
            for connection in connections { await connection.close() }
        }
    }

    @Test(.requiring(.postgres)) func aCommandMayNameTheCaseByNumber() async throws {
        try await CommandScenario.run("cmd_number") { scenario in
            let repair = try await scenario.createCase(.repair)
            let other = try await scenario.createCase(.repair)
            let byNumber = CommandScenario.body(id: "by-number", caseID: nil, caseNumber: repair.number)
            #expect(try await scenario.send(bytes: byNumber, routingKey: "accept")
                == .applied(caseNumber: repair.number, state: .accepted))
            #expect(try await scenario.column("state", of: other.id, as: String.self) == "dispatched")
            // An id and a number that name different cases match nothing.
            let mismatched = CommandScenario.body(id: "mismatch", caseID: other.id, caseNumber: repair.number)
            #expect(try await scenario.send(bytes: mismatched, routingKey: "accept") == .rejected(.unknownCase))
            #expect(try await scenario.column("state", of: other.id, as: String.self) == "dispatched")
        }
    }

    @Test(.requiring(.postgres)) func anUnknownCaseIsRefusedToTheActorsConsole() async throws {
        try await CommandScenario.run("cmd_unknown") { scenario in
            let missing = "0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10"
            #expect(try await scenario.send("accept", to: missing, id: "cmd-x", actor: CommandScenario.guardLead)
                == .rejected(.unknownCase))
            #expect(try await scenario.outboxKeys(after: 0) == ["security.command.rejected"])
            let event = try await scenario.lastEvent()
            #expect(rejection(event).reason == "unknown_case")
            #expect(event["case_id"] == nil)
            let inbox = try await scenario.connection.query("SELECT outcome, case_id::text FROM inbox").single()
            #expect(try inbox.decode("outcome", as: String.self) == "rejected:unknown_case")
            #expect(inbox.isNull("case_id"))
        }
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        var name: String
        var routingKey: String
        var body: [UInt8]
        var field: String
        var reason: String
        var audience: String
        var commandID: String?
        var testDescription: String { name }
    }

    static let caseID = "0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10"
    static let malformed: [Malformed] = [
        Malformed(name: "bad JSON", routingKey: "accept", body: Array(#"{"command_id": "c-1", "#.utf8),
                  field: "", reason: "not_json", audience: "customer_service", commandID: nil),
        Malformed(name: "missing actor", routingKey: "accept",
                  body: CommandScenario.body(id: "c-2", caseID: caseID, actor: nil),
                  field: "actor", reason: "missing", audience: "customer_service", commandID: "c-2"),
        Malformed(name: "satisfaction 9", routingKey: "follow_up",
                  body: CommandScenario.body(id: "c-3", caseID: caseID, actor: CommandScenario.guardLead, ["satisfaction": "9"]),
                  field: "satisfaction", reason: "out_of_range", audience: "security", commandID: "c-3"),
        Malformed(name: "invalid UTF-8", routingKey: "reply", body: [0x7B, 0xFF, 0xFE, 0x27, 0x3B, 0x7D],
                  field: "", reason: "invalid_utf8", audience: "customer_service", commandID: nil),
        Malformed(name: "unknown command", routingKey: "approve",
                  body: CommandScenario.body(id: "c-5", caseID: caseID, actor: CommandScenario.receptionist),
                  field: "command", reason: "unknown_value", audience: "customer_service", commandID: "c-5"),
    ]

    @Test(.requiring(.postgres), arguments: malformed)
    func aMalformedCommandIsKeptDeadLetteredAndAnswered(_ row: Malformed) async throws {
        try await CommandScenario.run("cmd_malformed") { scenario in
            let outcome = try await scenario.send(bytes: row.body, routingKey: row.routingKey, amqpMessageID: "amqp-9")
            guard case .malformed(let error) = outcome else {
                Issue.record("expected malformed, got \(outcome)")
                try await scenario.finish()
                return
            }
            #expect(error.field == row.field)
            #expect(error.reason.rawValue == row.reason)

            let stored = try await scenario.connection.query(
                "SELECT source, message_id, routing_key, body, field, reason FROM rejected_messages").single()
            #expect(try stored.decode("source", as: String.self) == "command")
            #expect(try stored.decode("message_id", as: String.self) == (row.commandID ?? "amqp-9"))
            #expect(try stored.decode("routing_key", as: String.self) == row.routingKey)
            #expect(try stored.decode("body", as: Data.self) == Data(row.body))
            #expect(try stored.decode("field", as: String.self) == row.field)
            #expect(try stored.decode("reason", as: String.self) == row.reason)

            let outbox = try await scenario.connection.query("SELECT exchange, routing_key, headers::text FROM outbox ORDER BY id")
            #expect(outbox.count == 2)
            #expect(try outbox[0].decode("exchange", as: String.self) == "caretaker.dead-letters")
            #expect(try outbox[0].decode("routing_key", as: String.self) == "command")
            #expect(try outbox[0].decode("headers", as: String.self).contains(#""x-caretaker-reason": "\#(row.reason)""#))
            #expect(try outbox[1].decode("routing_key", as: String.self) == "\(row.audience).command.rejected")
            let event = try await scenario.lastEvent()
            #expect(rejection(event).reason == row.reason)
            #expect(rejection(event).field == (row.field.isEmpty ? nil : row.field))
            #expect(try await scenario.connection.query("SELECT count(*)::int8 FROM inbox").single().decode(0, as: Int.self) == 0)
        }
    }

    @Test(.requiring(.postgres)) func reassignMovesTheCaseAndTellsBothDepartmentsAndCustomerService() async throws {
        try await CommandScenario.run("cmd_reassign") { scenario in
            let repair = try await scenario.createCase(.repair)
            try await scenario.send("accept", to: repair.id)
            let outboxBefore = try await scenario.maxOutboxID()
            let outcome = try await scenario.send("reassign", to: repair.id, actor: CommandScenario.receptionist,
                                                  ["department": "\"security\"", "category": "\"parking\"", "reason": "\"车辆刮擦属护管\""])
            #expect(outcome == .applied(caseNumber: repair.number, state: .dispatched))
            #expect(try await scenario.column("department", of: repair.id, as: String.self) == "security")
            #expect(try await scenario.column("category", of: repair.id, as: String.self) == "parking")
            #expect(try await scenario.outboxKeys(after: outboxBefore)
                == ["engineering.case.reassigned", "security.case.reassigned", "customer_service.case.reassigned"])
            let event = try await scenario.lastEvent()
            #expect(event["department"] == .string("security"))
            #expect(event["change"]?["from_department"] == .string("engineering"))
            #expect(event["change"]?["reason"] == .string("车辆刮擦属护管"))
            let details = try await scenario.lastHistoryDetails(repair.id)
            #expect(details["from_department"] == .string("engineering"))
            #expect(details["from_category"] == .string("lighting"))
            #expect(try await scenario.history(repair.id).last
                == CommandScenario.Step(step: "reassign", from: "accepted", to: "dispatched", actor: "C0311"))
            // Back to the department it already has: refused.
            #expect(try await scenario.send("reassign", to: repair.id, actor: CommandScenario.receptionist,
                                            ["department": "\"security\"", "reason": "\"再派\""])
                == .rejected(.lifecycle(.sameDepartment)))
        }
    }
}
