import CaretakerCore
import Postgres

/// Starts, cancels and reschedules a case's SLA timers in the same transaction as the change
/// that causes them: new cases (intake) and accepted console commands.
///
/// A deadline that needs a calendar year not yet loaded never blocks the case: the timers that
/// could be planned are stored, the others wait as `needs_calendar` (visible in
/// `caretaker timers`) until ops install the calendar.
public struct SLATimekeeper: CaseCreationObserver, CaseTransitionObserver {
    /// The planner built from the SLA policy and the calendars.
    public let planner: TimerPlanner

    /// Creates a timekeeper.
    public init(planner: TimerPlanner) {
        self.planner = planner
    }

    /// Starts the timers of new cases.
    public func casesCreated(_ records: [CaseRecord], at now: RFC3339Timestamp,
                             in transaction: PostgresTransaction) async throws {
        var plans: [(caseID: String, changes: [TimerChange], unplanned: [TimerPlanningError.Unplanned])] = []
        for record in records {
            do {
                plans.append((record.caseID, try planner.caseCreated(record, at: now), []))
            } catch {
                plans.append((record.caseID, error.changes, error.unplanned))
            }
        }
        try await TimerSQL.apply(plans, policyVersion: planner.policy.version, now: now, in: transaction)
    }

    /// Follows an accepted command: stops what it completes, starts what it begins, moves the
    /// feedback deadline of a postponement.
    public func caseTransitionApplied(_ applied: AppliedTransition, in transaction: PostgresTransaction) async throws {
        let existing = try await TimerSQL.existing(caseID: applied.after.caseID, in: transaction)
        var until: RFC3339Timestamp?
        if case .postpone(let date, _) = applied.command.action { until = date }
        let command = applied.command.action.name
        // The lifecycle's triggers besides the command's name: its outcomes, and those that depend
        // on the case (plan_approved on a plan's second approval).
        let outcomes = applied.transition.triggers.filter { $0 != command.rawValue }
        let plan: (changes: [TimerChange], unplanned: [TimerPlanningError.Unplanned])
        do {
            plan = (try planner.transitionApplied(
                command: command, outcomes: outcomes, before: applied.before, after: applied.after,
                at: applied.now, postponeUntil: until, existing: existing), [])
        } catch {
            plan = (error.changes, error.unplanned)
        }
        try await TimerSQL.apply([(applied.after.caseID, plan.changes, plan.unplanned)],
                                 policyVersion: planner.policy.version, now: applied.now, in: transaction)
    }

    /// Starts what a raised severity begins (the one-month upgrade to major).
    func severityUpgraded(before: CaseRecord, after: CaseRecord, at now: RFC3339Timestamp,
                          in transaction: PostgresTransaction) async throws {
        let existing = try await TimerSQL.existing(caseID: after.caseID, in: transaction)
        let plan: (changes: [TimerChange], unplanned: [TimerPlanningError.Unplanned])
        do {
            plan = (try planner.severityUpgraded(before: before, after: after, at: now, existing: existing), [])
        } catch {
            plan = (error.changes, error.unplanned)
        }
        try await TimerSQL.apply([(after.caseID, plan.changes, plan.unplanned)],
                                 policyVersion: planner.policy.version, now: now, in: transaction)
    }
}
