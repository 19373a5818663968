import CaretakerCore
import Testing

/// A command's time must lie between the case's receipt and the worker's clock (with a little
/// skew), and a postponement must be asked within the promised date.
@Suite struct CommandTimingTests {
    static let received = RFC3339Timestamp("2026-11-02T09:00:00+08:00")!
    static let promised = RFC3339Timestamp("2026-11-03T18:00:00+08:00")!
    static let now = RFC3339Timestamp("2026-11-03T12:00:00+08:00")!

    func problem(_ at: String, _ action: CaseAction = .accept) -> CommandRejection.Reason? {
        let command = ConsoleCommand(commandID: "c", caseReference: .number("BX-1"),
                                     actor: CaseActor(id: "E1", audience: .engineering), at: RFC3339Timestamp(at)!, action: action)
        return CommandTiming.problem(command, receivedAt: Self.received, promisedFeedbackAt: Self.promised, now: Self.now)?.reason
    }

    @Test(arguments: [
        ("2026-11-02T08:58:59+08:00", CommandRejection.Reason?.some(.invalidTime)),
        ("2026-11-02T08:59:30+08:00", nil),
        ("2026-11-02T01:00:00Z", nil),
        ("2026-11-03T12:05:00+08:00", nil),
        ("2026-11-03T12:05:01+08:00", .invalidTime),
        ("2026-11-04T09:00:00+08:00", .invalidTime),
    ])
    func atMustLieBetweenReceiptAndTheClock(_ at: String, _ expected: CommandRejection.Reason?) {
        #expect(problem(at) == expected)
    }

    @Test func aPostponementIsAskedWithinThePromisedDate() {
        let postpone = CaseAction.postpone(until: RFC3339Timestamp("2026-11-06T18:00:00+08:00")!, reason: "等配件")
        #expect(problem("2026-11-03T11:00:00+08:00", postpone) == nil)
        let late = CommandTiming.problem(
            ConsoleCommand(commandID: "c", caseReference: .number("BX-1"), actor: CaseActor(id: "E1", audience: .engineering),
                           at: RFC3339Timestamp("2026-11-04T10:00:00+08:00")!, action: postpone),
            receivedAt: Self.received, promisedFeedbackAt: Self.promised, now: RFC3339Timestamp("2026-11-04T10:00:00+08:00")!)
        #expect(late?.reason == .postponeTooLate)
        #expect(late?.message.contains("has passed") == true)
    }
}
