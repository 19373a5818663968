import CaretakerCore
import Testing

/// What a command does to its case, or why it is refused, decided without a database.
@Suite struct CommandDecisionTests {
    static let received = RFC3339Timestamp("2026-11-02T23:30:00+08:00")!
    static let now = RFC3339Timestamp("2026-11-03T10:00:00+08:00")!
    static let engineer = CaseActor(id: "e-1", name: "李工", audience: .engineering)

    static func command(_ action: CaseAction, at: RFC3339Timestamp = now, by actor: CaseActor = engineer) -> ConsoleCommand {
        ConsoleCommand(commandID: "cmd-1", caseReference: .id("6f1c0a4e-0000-4000-8000-000000000001"), actor: actor,
                       at: at, action: action)
    }

    static func repair(_ state: CaseState = .dispatched) -> CaseRecord {
        var record = sampleRecord(kind: .repair, department: .engineering)
        record.state = state
        return record
    }

    static func decide(_ command: ConsoleCommand, on record: CaseRecord,
                       authorization: AuthorizationPolicy? = nil) -> Result<CommandEffects, CommandRejection> {
        var next = 0
        return CommandDecision.decide(command, on: record, authorization: authorization, accusedStaff: AccusedStaff(),
                                      now: now, makeID: {
                                          next += 1
                                          return "event-\(next)"
                                      })
    }

    static func refusal(_ result: Result<CommandEffects, CommandRejection>) -> CommandRejection.Reason? {
        guard case .failure(let rejection) = result else { return nil }
        return rejection.reason
    }

    static let acceptOwnRepairs = AuthorizationPolicy(
        parties: [], actions: [.accept: [ActionGrant(audiences: [.engineering], cases: .ownDepartment)]])

    @Test func theGrantIsCheckedBeforeTheTimeAndTheState() {
        // Not granted, in the future and not allowed while on site: the grant decides.
        let result = Self.decide(Self.command(.close, at: RFC3339Timestamp("2026-11-04T10:00:00+08:00")!),
                                 on: Self.repair(.onSite), authorization: Self.acceptOwnRepairs)
        #expect(Self.refusal(result) == .notAuthorized)
    }

    @Test func theTimeIsCheckedBeforeTheState() {
        let result = Self.decide(Self.command(.close, at: RFC3339Timestamp("2026-11-04T10:00:00+08:00")!),
                                 on: Self.repair(.onSite), authorization: Self.acceptOwnRepairs.granting(.close))
        #expect(Self.refusal(result) == .invalidTime)
    }

    @Test func theStateMachineHasTheLastWord() {
        #expect(Self.refusal(Self.decide(Self.command(.close), on: Self.repair(.onSite))) == .invalidForState)
        #expect(Self.refusal(Self.decide(Self.command(.accept), on: Self.repair(), authorization: Self.acceptOwnRepairs)) == nil)
    }

    @Test func anAcceptedCommandMovesTheCaseAndAnnouncesItWithTheGivenIDs() throws {
        let effects = try Self.decide(Self.command(.accept), on: Self.repair()).get()
        #expect(effects.transition.step == "accept")
        #expect(effects.transition.from == .dispatched)
        #expect(effects.after.state == .accepted)
        #expect(effects.satisfaction == nil)
        #expect(effects.closedAt == nil)
        #expect(!effects.events.isEmpty)
        #expect(effects.events.map(\.eventID) == (1...effects.events.count).map { "event-\($0)" })
        #expect(effects.events.allSatisfy { $0.type == .updated })
    }

    @Test func aFollowUpRecordsItsSatisfactionAndClosingRecordsTheCommandsTime() throws {
        let followUp = try Self.decide(Self.command(.followUp(satisfaction: 4, note: "")), on: Self.repair(.workOrderReturned)).get()
        #expect(followUp.satisfaction == 4)
        #expect(followUp.closedAt == nil)
        let closeAt = RFC3339Timestamp("2026-11-03T09:00:00+08:00")!
        let close = try Self.decide(Self.command(.close, at: closeAt), on: Self.repair(.followedUp)).get()
        #expect(close.satisfaction == nil)
        #expect(close.closedAt == closeAt)
    }

    @Test func aPostponementsHistoryCountsItAndKeepsTheEarlierDate() throws {
        var record = Self.repair()
        record.report.promisedFeedbackAt = RFC3339Timestamp("2026-11-04T18:00:00+08:00")!
        let until = RFC3339Timestamp("2026-11-06T18:00:00+08:00")!
        let effects = try Self.decide(Self.command(.postpone(until: until, reason: "等配件")), on: record).get()
        let details = Dictionary(effects.historyDetails.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(details["postponement"] == .number(1))
        #expect(details["previous_promised_feedback_at"] == .string("2026-11-04T18:00:00+08:00"))
        #expect(effects.after.report.promisedFeedbackAt == until)
    }

    @Test func aReassignmentsHistoryNamesWhereTheCaseCameFrom() throws {
        let effects = try Self.decide(Self.command(.reassign(to: .security, category: nil, reason: "属护管")),
                                      on: Self.repair()).get()
        let keys = effects.historyDetails.map(\.key)
        #expect(keys.suffix(2) == ["from_department", "from_category"])
        #expect(effects.historyDetails.last?.value == .string("guard_conduct"))
        #expect(effects.after.department == .security)
        #expect(effects.transition.event == .reassigned)
    }

    @Test func aReopeningsHistoryCountsIt() throws {
        let effects = try Self.decide(Self.command(.reopen(reason: "又漏了")), on: Self.repair(.closed)).get()
        #expect(effects.historyDetails.last?.key == "reopening")
        #expect(effects.historyDetails.last?.value == .number(1))
    }
}

private extension AuthorizationPolicy {
    /// This policy with `command` granted to every audience on any case.
    func granting(_ command: CaseAction.Name) -> AuthorizationPolicy {
        var policy = self
        policy.actions[command] = [ActionGrant(audiences: Set(EventAudience.allCases), cases: .any)]
        return policy
    }
}
