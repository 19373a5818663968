/// Decides which SLA timers a case change starts, cancels or reschedules.
///
/// Pure: the store passes the case before and after, the time and a summary of the case's stored
/// timers, and applies the returned changes in order within the transaction that recorded the
/// change. Rules (docs/sla.md, "Planning"):
/// 1. a pending timer stops when the command (or an outcome trigger) is one of its stop commands or the case enters one
///    of its stop states;
/// 2. `postpone` moves every pending timer that follows the feedback date to the new date
///    (a new deadline version), and starts `promised_feedback`-style timers if none is pending;
/// 3. an enabled timer whose start triggers include the change (the command or one of its
///    outcome triggers) and which applies to the case
///    starts (or restarts with a new version, when already pending), unless the case's new
///    state would stop it at once.
public struct TimerPlanner: Sendable {
    /// The policy.
    public var policy: SLAPolicy
    /// The working-day calendars.
    public var calendars: CalendarSet

    /// Creates a planner.
    public init(policy: SLAPolicy, calendars: CalendarSet) {
        self.policy = policy
        self.calendars = calendars
    }

    /// The timers a new case starts. Budgets count from the report's `received_at` (when the
    /// resident reported), or from `time` if `received_at` lies after it (a skewed clock).
    public func caseCreated(_ record: CaseRecord, at time: RFC3339Timestamp) throws(TimerPlanningError) -> [TimerChange] {
        let startedAt = record.report.receivedAt.secondsSinceEpoch <= time.secondsSinceEpoch ? record.report.receivedAt : time
        var plan = Plan(existing: [])
        for timer in policy.enabledTimers where timer.startOn.contains(.created) && timer.appliesTo.matches(record) {
            start(timer, for: record, at: startedAt, feedbackDate: record.report.promisedFeedbackAt, into: &plan)
        }
        return try plan.result()
    }

    /// The timer changes after an accepted console command.
    /// - Parameters:
    ///   - command: the command's name.
    ///   - outcomes: its outcome triggers (`CaseAction.outcomeTriggers`), which stop and start
    ///     timers like the name does.
    ///   - before: the case as loaded; `after`: the case as stored after the command.
    ///   - time: when the command was applied (the new budgets start here).
    ///   - postponeUntil: the new feedback date of a `postpone`.
    ///   - existing: the case's stored timers, latest version per kind (see `ExistingTimer`).
    public func transitionApplied(
        command: CaseAction.Name, outcomes: [String] = [], before: CaseRecord, after: CaseRecord, at time: RFC3339Timestamp,
        postponeUntil: RFC3339Timestamp? = nil, existing: [ExistingTimer]
    ) throws(TimerPlanningError) -> [TimerChange] {
        var plan = Plan(existing: existing)
        let triggers = [command.rawValue] + outcomes
        for kind in plan.pending.sorted() {
            guard let timer = policy.timer(kind) else { continue }
            if !timer.stop.commands.isDisjoint(with: triggers) || timer.stop.states.contains(after.state) {
                plan.cancel(kind)
            }
        }
        if command == .postpone, let until = postponeUntil {
            for timer in policy.timers where timer.followsFeedbackDate {
                if plan.pending.contains(timer.kind) {
                    plan.add(timer.kind, at: time) { version in
                        .success(schedule(timer.kind, start: time, due: until, share: timer.remindAt, version: version, calendar: nil))
                    }
                } else if timer.enabled, timer.deadline == .promisedFeedback, timer.appliesTo.matches(after),
                          !timer.stop.states.contains(after.state) {
                    start(timer, for: after, at: time, feedbackDate: until, into: &plan)
                }
            }
        }
        if command == .setPriority {
            // A corrected priority re-plans as if triage had decided it at receipt: timers that no
            // longer apply stop, those that now apply start, counted from received_at.
            for kind in plan.pending.sorted() {
                if let timer = policy.timer(kind), !timer.appliesTo.matches(after) { plan.cancel(kind) }
            }
            let receipt = after.report.receivedAt.secondsSinceEpoch <= time.secondsSinceEpoch ? after.report.receivedAt : time
            for timer in policy.enabledTimers where timer.startOn.contains(.created) && timer.appliesTo.matches(after)
                && !timer.appliesTo.matches(before) && !plan.pending.contains(timer.kind)
                && !timer.stop.states.contains(after.state) {
                start(timer, for: after, at: receipt, feedbackDate: after.report.promisedFeedbackAt, into: &plan)
            }
        }
        if command == .appoint {
            // The agreed time becomes the deadline of the timers that follow it: a new version
            // of a pending one, or a new one when it had stopped (e.g. after a reassignment).
            for timer in policy.enabledTimers where timer.followsAppointment && timer.appliesTo.matches(after)
                && !timer.stop.states.contains(after.state) {
                start(timer, for: after, at: time, feedbackDate: after.report.promisedFeedbackAt, into: &plan)
            }
        }
        for timer in policy.enabledTimers where triggers.contains(where: { timer.startOn.contains(.command($0)) }) {
            guard !plan.touched.contains(timer.kind), timer.appliesTo.matches(after),
                  !timer.stop.states.contains(after.state) else { continue }
            start(timer, for: after, at: time, feedbackDate: after.report.promisedFeedbackAt, into: &plan)
        }
        return try plan.result()
    }

    /// The timers a raised complaint severity starts (triggers `severity_upgraded`), e.g. after
    /// the one-month timer made a complaint major.
    public func severityUpgraded(before: CaseRecord, after: CaseRecord, at time: RFC3339Timestamp,
                                 existing: [ExistingTimer]) throws(TimerPlanningError) -> [TimerChange] {
        var plan = Plan(existing: existing)
        for timer in policy.enabledTimers where timer.startOn.contains(.severityUpgraded) {
            guard timer.appliesTo.matches(after), !timer.appliesTo.matches(before) || !plan.pending.contains(timer.kind),
                  !timer.stop.states.contains(after.state) else { continue }
            start(timer, for: after, at: time, feedbackDate: after.report.promisedFeedbackAt, into: &plan)
        }
        return try plan.result()
    }

    /// The schedule of one timer of `timer` started at `startedAt`; `nil` for a promised-date
    /// timer without a date. Use it to re-plan a `needs_calendar` timer once its calendar exists.
    /// `correctionDue` is the open corrective action's due date, for a timer due at it;
    /// `appointment` the repair's appointment, the deadline of a timer that follows it when it
    /// lies after `startedAt`.
    public func schedule(_ timer: TimerPolicy, startedAt: RFC3339Timestamp, feedbackDate: RFC3339Timestamp?,
                         correctionDue: RFC3339Timestamp? = nil, appointment: RFC3339Timestamp? = nil,
                         deadlineVersion: Int) throws(CalendarError) -> TimerSchedule? {
        if timer.followsAppointment, let appointment, appointment.secondsSinceEpoch > startedAt.secondsSinceEpoch {
            return schedule(timer.kind, start: startedAt, due: appointment, share: timer.remindAt, version: deadlineVersion, calendar: nil)
        }
        switch timer.deadline {
        case .promisedFeedback:
            guard let feedbackDate else { return nil }
            return schedule(timer.kind, start: startedAt, due: feedbackDate, share: timer.remindAt, version: deadlineVersion, calendar: nil)
        case .correctionDue:
            guard let correctionDue else { return nil }
            return schedule(timer.kind, start: startedAt, due: correctionDue, share: timer.remindAt, version: deadlineVersion, calendar: nil)
        case .budget(let budget, .wall):
            let due = budget.unit == .month
                ? SLATime.adding(months: budget.amount, to: startedAt)
                : SLATime.adding(seconds: budget.seconds!, to: startedAt)
            return schedule(timer.kind, start: startedAt, due: due, share: timer.remindAt, version: deadlineVersion, calendar: nil)
        case .budget(let budget, .workingDays):
            let (due, version) = try calendars.workingDayDeadline(budget.amount, from: startedAt)
            return schedule(timer.kind, start: startedAt, due: due, share: timer.remindAt, version: deadlineVersion, calendar: version)
        }
    }

    private func schedule(_ kind: TimerKind, start: RFC3339Timestamp, due: RFC3339Timestamp, share: Double?,
                          version: Int, calendar: String?) -> TimerSchedule {
        let budget = due.secondsSinceEpoch - start.secondsSinceEpoch
        var remind: RFC3339Timestamp?
        if let share, budget > 0 {
            remind = SLATime.adding(seconds: Int64((Double(budget) * share).rounded(.down)), to: start)
        }
        return TimerSchedule(kind: kind, startedAt: SLATime.local(start), remindAt: remind, dueAt: SLATime.local(due),
                             deadlineVersion: version, calendarVersion: calendar)
    }

    private func start(_ timer: TimerPolicy, for record: CaseRecord, at time: RFC3339Timestamp,
                       feedbackDate: RFC3339Timestamp?, into plan: inout Plan) {
        plan.add(timer.kind, at: time) { version in
            Result { () throws(CalendarError) in
                try schedule(timer, startedAt: time, feedbackDate: feedbackDate,
                             correctionDue: record.openCorrection?.dueAt, appointment: record.report.appointmentAt,
                             deadlineVersion: version)
            }
        }
    }

    /// The changes being built, with the versions and pending kinds they affect.
    private struct Plan {
        var versions: [TimerKind: Int] = [:]
        var pending: Set<TimerKind> = []
        var touched: Set<TimerKind> = []
        var changes: [TimerChange] = []
        var unplanned: [TimerPlanningError.Unplanned] = []

        init(existing: [ExistingTimer]) {
            for timer in existing where timer.deadlineVersion >= (versions[timer.kind] ?? 0) {
                versions[timer.kind] = timer.deadlineVersion
                if timer.isPending { pending.insert(timer.kind) } else { pending.remove(timer.kind) }
            }
        }

        mutating func cancel(_ kind: TimerKind) {
            guard pending.remove(kind) != nil else { return }
            changes.append(.cancel(kind: kind, deadlineVersion: versions[kind]!))
        }

        /// Starts `kind` (or restarts it when pending) with the next version.
        mutating func add(_ kind: TimerKind, at time: RFC3339Timestamp,
                          _ make: (Int) -> Result<TimerSchedule?, CalendarError>) {
            let replacing = pending.contains(kind) ? versions[kind] : nil
            let version = (versions[kind] ?? 0) + 1
            switch make(version) {
            case .success(nil):
                return
            case .success(let schedule?):
                changes.append(replacing.map { .reschedule(schedule, replacing: $0) } ?? .start(schedule))
            case .failure(let error):
                unplanned.append(.init(kind: kind, startedAt: SLATime.local(time), deadlineVersion: version,
                                       replacing: replacing, error: error))
            }
            versions[kind] = version
            pending.insert(kind)
            touched.insert(kind)
        }

        func result() throws(TimerPlanningError) -> [TimerChange] {
            guard unplanned.isEmpty else { throw TimerPlanningError(changes: changes, unplanned: unplanned) }
            return changes
        }
    }
}
