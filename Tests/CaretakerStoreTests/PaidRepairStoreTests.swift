import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Postgres
import Testing

/// A paid repair against the real PostgreSQL: quote, consent, completion with fee and receipt, a
/// disputed sign-off that the office hears of and must review within 3 days.
@Suite(.serialized) struct PaidRepairStoreTests {
    static let technician = #"{"id":"E1024","name":"李师傅","role":"technician","audience":"engineering"}"#
    static let director = #"{"id":"M0001","name":"林主任","role":"director","audience":"management"}"#

    @Test(.requiring(.postgres)) func quoteConsentFeeReceiptAndADisputeReviewedByTheOffice() async throws {
        try await TimerScenario.run("paid_repair") { scenario in
            let message = IntakeMessage(messageID: "paid-1", kind: .repair, text: "家里卫生间角阀漏水", receivedAt: TimerScenario.t0,
                                        channel: .hotline)
            let decision = TriageDecision(department: .engineering, category: "plumbing", priority: .small,
                                          responsibility: .paid, rulesVersion: "test")
            let outcomes = try await IntakeRecorder(observers: [scenario.timekeeper]).record(
                [.report(message, decision, accused: [])], now: TimerScenario.t0, on: scenario.connection)
            guard case .created(let caseID, _)? = outcomes.first else {
                Issue.record("not created")
                return
            }
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            var minute: Int64 = 0
            func send(_ command: String, _ fields: [String: String?] = [:], actor: String = Self.technician) async throws -> CommandOutcome {
                minute += 5
                let at = TimerScenario.at(minutes: minute)
                let body = CommandScenario.body(id: "\(command)-\(minute)", caseID: caseID, actor: actor, at: at.description, fields)
                return try await processor.apply(body: body, routingKey: command, amqpMessageID: nil, now: at, on: scenario.connection)
            }
            func refused(_ outcome: CommandOutcome) -> Bool {
                if case .rejected = outcome { return true }
                return false
            }
            #expect(!refused(try await send("accept")))
            #expect(!refused(try await send("arrive")))
            #expect(try await send("complete", ["fee": "128.5", "receipt_number": "\"SJ-0001\""]) == .rejected(.lifecycle(.precondition)),
                    "no work recorded before the resident consents")
            #expect(!refused(try await send("quote", ["price": "128.5", "materials": "\"角阀一个、生料带\""])))
            #expect(!refused(try await send("consent")))
            #expect(try await send("complete", ["note": "\"更换角阀\""]) == .rejected(.lifecycle(.invalidField)))
            #expect(!refused(try await send("complete", ["note": "\"更换角阀\"", "fee": "128.5", "receipt_number": "\"SJ-0001\""])))
            let row = try await scenario.connection.query("""
                SELECT quote_price_fen::int8, quote_state, fee_fen::int8, receipt_number FROM cases WHERE case_id = \(caseID)::uuid
                """).single()
            #expect(try row.decode(0, as: Int.self) == 12_850)
            #expect(try row.decode(1, as: String.self) == "consented")
            #expect(try row.decode(2, as: Int.self) == 12_850)
            #expect(try row.decode(3, as: String.self) == "SJ-0001")

            #expect(!refused(try await send("sign_off", ["result": "\"disputed\"", "note": "\"收费偏高\""])))
            #expect(try await scenario.count("SELECT count(*)::int8 FROM cases WHERE dispute_open AND 'management' = ANY(notify)") == 1,
                    "the office hears of the dispute")
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM outbox WHERE routing_key = 'management.case.updated' AND case_id = \(caseID)::uuid
                """) == 1)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM timers WHERE kind = 'paid_repair_dispute_review' AND state = 'pending'
                  AND due_at = '2026-11-05T08:40:00+08:00'
                """) == 1, "reviewed within 3 days of the sign-off at 08:40")
            #expect(try await send("review_dispute", ["note": "\"x\""]) == .rejected(.lifecycle(.notPermitted)))
            #expect(!refused(try await send("review_dispute", ["note": "\"主任到场核实，退还差价20元\""], actor: Self.director)))
            #expect(try await scenario.count("SELECT count(*)::int8 FROM timers WHERE kind = 'paid_repair_dispute_review' AND state = 'cancelled'") == 1)
        }
    }

    @Test(.requiring(.postgres)) func aDeclinedQuoteClosesTheRepairAsDeclined() async throws {
        try await TimerScenario.run("paid_decline") { scenario in
            let message = IntakeMessage(messageID: "paid-2", kind: .repair, text: "家里热水器不热", receivedAt: TimerScenario.t0,
                                        channel: .hotline)
            let decision = TriageDecision(department: .engineering, category: "plumbing", priority: .general,
                                          responsibility: .paid, rulesVersion: "test")
            let outcomes = try await IntakeRecorder(observers: [scenario.timekeeper]).record(
                [.report(message, decision, accused: [])], now: TimerScenario.t0, on: scenario.connection)
            guard case .created(let caseID, _)? = outcomes.first else { return }
            let processor = CommandProcessor(observers: [scenario.timekeeper])
            for (index, (command, fields)) in [("quote", ["price": "300", "materials": "\"温控器\""]),
                                               ("decline", ["reason": "\"住户嫌贵，自行处理\""])].enumerated() {
                let at = TimerScenario.at(minutes: Int64(10 + index))
                let body = CommandScenario.body(id: "d-\(index)", caseID: caseID, actor: Self.technician, at: at.description, fields)
                _ = try await processor.apply(body: body, routingKey: command, amqpMessageID: nil, now: at, on: scenario.connection)
            }
            #expect(try await scenario.count("SELECT count(*)::int8 FROM cases WHERE state = 'closed' AND closed_at IS NOT NULL") == 1)
            #expect(try await scenario.count("""
                SELECT count(*)::int8 FROM case_history WHERE step = 'decline' AND details->>'reason' = '住户嫌贵，自行处理'
                """) == 1)
            #expect(try await scenario.count("SELECT count(*)::int8 FROM timers WHERE state = 'pending'") == 0, "nothing left running")
        }
    }
}
