import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

/// `CaseLoader` reads back every column a command and `caretaker case` need, and the observer
/// hook runs inside the command's transaction.
@Suite(.serialized) struct CommandCaseLoaderTests {
    @Test(.requiring(.postgres)) func aCaseReadsBackAsTheRecordIntakeCreated() async throws {
        try await CommandScenario.run("cmd_loader") { scenario in
            let complaint = try await scenario.createCase(.complaint, messageID: "intake-77")
            let expected = CaseRecord(
                caseID: complaint.id, caseNumber: complaint.number, correlationID: "intake-77", kind: .complaint,
                state: .received, department: .security, category: "guard_conduct", secondaryCategories: [],
                severity: .major, priority: nil, responsibility: nil, notify: [.management, .leadership],
                needsTriage: false, rulesVersion: "test", accused: [.security], escalationLevel: 0, postponements: 0,
                reopenings: 0,
                report: IntakeMessage(
                    messageID: "intake-77", kind: .complaint, text: "保安态度差",
                    receivedAt: RFC3339Timestamp("2026-11-02T00:55:00Z")!, channel: .hotline, estate: "翠湖苑",
                    resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"), location: "3栋2单元",
                    flags: [.repeat], reportedTimes: 2, promisedFeedbackAt: RFC3339Timestamp("2026-11-03T10:00:00Z")!,
                    attachments: ["https://img.example.com/1.jpg"]))
            #expect(try await CaseLoader.load(.id(complaint.id), on: scenario.connection) == expected)
            #expect(try await CaseLoader.load(.number(complaint.number), on: scenario.connection) == expected)
            #expect(try await CaseLoader.load(.id(complaint.id.uppercased()), on: scenario.connection) == expected)
            #expect(try await CaseLoader.load(.number("TS-20261102-999999"), on: scenario.connection) == nil)
            #expect(try await CaseLoader.load(CaseReference(caseID: "0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10",
                                                            caseNumber: complaint.number)!, on: scenario.connection) == nil)

            let repair = try await scenario.createCase(.repair)
            let loaded = try #require(try await CaseLoader.load(.id(repair.id), on: scenario.connection))
            #expect(loaded.priority == .general)
            #expect(loaded.responsibility == .free)
            #expect(loaded.severity == nil)
            #expect(loaded.report.flags.isEmpty)
            #expect(loaded.report.reportedTimes == nil)
        }
    }

    @Test(.requiring(.postgres)) func aCaseWithoutResidentOrFeedbackDateReadsBack() async throws {
        try await CommandScenario.run("cmd_loader_bare") { scenario in
            let message = IntakeMessage(messageID: "bare-1", kind: .repair, text: "电梯异响",
                                        receivedAt: RFC3339Timestamp("2026-11-02T08:00:00Z")!, channel: .app)
            let decision = TriageDecision(department: .customerService, category: "unclassified", priority: .general,
                                          needsTriage: true, rulesVersion: "test")
            let outcome = try await IntakeRecorder().record([.report(message, decision, accused: [])],
                                                            now: CommandScenario.now, on: scenario.connection)
            guard case .created(let id, _) = outcome.first else { throw CommandScenario.ScenarioError.notCreated }
            let loaded = try #require(try await CaseLoader.load(.id(id), on: scenario.connection))
            #expect(loaded.report == message)
            #expect(loaded.needsTriage)
            #expect(loaded.responsibility == nil)
        }
    }

    /// Remembers what it saw, reading the case through the command's own transaction.
    actor Seen {
        var entries: [(step: String, stateInTransaction: String, before: CaseState, after: CaseState)] = []
        func add(_ entry: (step: String, stateInTransaction: String, before: CaseState, after: CaseState)) {
            entries.append(entry)
        }
    }

    struct RecordingObserver: CaseTransitionObserver {
        let seen: Seen
        func caseTransitionApplied(_ applied: AppliedTransition, in transaction: PostgresTransaction) async throws {
            let state = try await transaction.query(
                "SELECT state FROM cases WHERE case_id = \(applied.after.caseID)::uuid").single().decode(0, as: String.self)
            await seen.add((applied.transition.step, state, applied.before.state, applied.after.state))
        }
    }

    struct FailingObserver: CaseTransitionObserver {
        struct Failure: Error {}
        func caseTransitionApplied(_ applied: AppliedTransition, in transaction: PostgresTransaction) async throws {
            throw Failure()
        }
    }

    @Test(.requiring(.postgres)) func observersRunInsideTheCommandsTransaction() async throws {
        let seen = Seen()
        try await CommandScenario.run("cmd_observer", observers: [RecordingObserver(seen: seen)]) { scenario in
            let repair = try await scenario.createCase(.repair)
            try await scenario.send("accept", to: repair.id)
            try await scenario.send("complete", to: repair.id) // refused: observers hear only accepted commands
            try await scenario.send("arrive", to: repair.id)
            let entries = await seen.entries
            #expect(entries.map(\.step) == ["accept", "arrive"])
            #expect(entries.map(\.stateInTransaction) == ["accepted", "on_site"])
            #expect(entries.map(\.before) == [.dispatched, .accepted])
            #expect(entries.map(\.after) == [.accepted, .onSite])
        }
    }

    @Test(.requiring(.postgres)) func aFailingObserverRollsTheWholeCommandBackSoARetryApplies() async throws {
        try await CommandScenario.run("cmd_observer_fail") { scenario in
            let repair = try await scenario.createCase(.repair)
            let outbox = try await scenario.outboxCount()
            let body = CommandScenario.body(id: "cmd-retry", caseID: repair.id)
            let failing = CommandProcessor(observers: [FailingObserver()])
            await #expect(throws: FailingObserver.Failure.self) {
                try await failing.apply(body: body, routingKey: "accept", amqpMessageID: nil, now: CommandScenario.now,
                                        on: scenario.connection)
            }
            #expect(try await scenario.column("state", of: repair.id, as: String.self) == "dispatched")
            #expect(try await scenario.history(repair.id).count == 1)
            #expect(try await scenario.outboxCount() == outbox)
            #expect(try await scenario.send(bytes: body, routingKey: "accept") == .applied(caseNumber: repair.number, state: .accepted))
        }
    }
}
