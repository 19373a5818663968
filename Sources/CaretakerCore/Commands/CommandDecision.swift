/// Decides what a console command does to the case it names, or why it is refused.
///
/// Pure: the store loads the case, asks here, then writes the effects or the refusal and runs
/// its observers. The checks run in this order, and the first refusal wins: the sending
/// console's grant (when there is a policy), the command's time (``CommandTiming``), then the
/// state machine (``CaseLifecycle``).
public enum CommandDecision {
    /// The effects of `command` on `record`, or why it is refused.
    ///
    /// - Parameters:
    ///   - authorization: the grants to enforce; `nil` checks none (tests, `authorization.mode: off`).
    ///   - accusedStaff: recomputes whom a reassigned complaint accuses.
    ///   - now: the worker's clock, against which the command's `at` is checked.
    ///   - makeID: makes the events' ids, called once per event in order.
    public static func decide(
        _ command: ConsoleCommand, on record: CaseRecord, authorization: AuthorizationPolicy?,
        accusedStaff: AccusedStaff, now: RFC3339Timestamp, makeID: () -> String
    ) -> Result<CommandEffects, CommandRejection> {
        if let authorization,
           let refusal = authorization.authorize(command.name, by: command.actor.audience, on: record.authorizationTarget) {
            return .failure(refusal)
        }
        if let late = CommandTiming.problem(command, receivedAt: record.report.receivedAt,
                                            promisedFeedbackAt: record.report.promisedFeedbackAt, now: now) {
            return .failure(late)
        }
        return CaseLifecycle.apply(command.action, to: record.snapshot, by: command.actor).map { transition in
            effects(of: command, transition, on: record, accusedStaff: accusedStaff, makeID: makeID)
        }
    }

    /// What an accepted command changes beside the snapshot, and the history and events it produces.
    static func effects(of command: ConsoleCommand, _ transition: CaseTransition, on before: CaseRecord,
                        accusedStaff: AccusedStaff, makeID: () -> String) -> CommandEffects {
        let after = before.applying(transition, of: command.action, accusedStaff: accusedStaff)
        var satisfaction: Int?
        if case .followUp(let score, _, _, _) = command.action { satisfaction = score }
        let events = CaseEvents.transition(
            transition, record: after, previousDepartment: before.department, actor: command.actor,
            details: command.action.details, at: command.at, makeID: makeID)
        return CommandEffects(
            transition: transition, after: after, satisfaction: satisfaction,
            closedAt: after.state == .closed ? command.at : nil,
            historyDetails: CommandEffects.historyDetails(command.action, before: before, after: after),
            events: events)
    }
}
