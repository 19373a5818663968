import CaretakerCore
import Testing

/// Which timers case changes start, cancel and reschedule under the shipped policy.
@Suite struct TimerPlannerTests {
    let planner = SLAFixtures.planner
    typealias F = SLAFixtures

    static func started(_ changes: [TimerChange]) -> [TimerKind: TimerSchedule] {
        var result: [TimerKind: TimerSchedule] = [:]
        for case .start(let schedule) in changes { result[schedule.kind] = schedule }
        return result
    }

    static func cancelled(_ changes: [TimerChange]) -> Set<TimerKind> {
        var result = Set<TimerKind>()
        for case .cancel(let kind, _) in changes { result.insert(kind) }
        return result
    }

    static func pending(_ kinds: TimerKind..., version: Int = 1) -> [ExistingTimer] {
        kinds.map { ExistingTimer(kind: $0, deadlineVersion: version, isPending: true) }
    }

    @Test func complaintCreatedStartsReplyResultMonthAndFeedback() throws {
        let record = F.record(.complaint, severity: .important, receivedAt: "2026-03-02T09:00:00", promised: "2026-03-03T18:00:00")
        let changes = try planner.caseCreated(record, at: F.time("2026-03-02T09:00:05"))
        let started = Self.started(changes)
        #expect(Set(started.keys) == [.complaintFirstReply, .complaintResult, .complaintUnresolvedMonth, .promisedFeedback])
        #expect(changes.count == 4)

        let reply = try #require(started[.complaintFirstReply])
        #expect(reply.startedAt.description == "2026-03-02T09:00:00+08:00", "budgets count from received_at")
        #expect(reply.dueAt.description == "2026-03-03T09:00:00+08:00")
        #expect(reply.remindAt?.description == "2026-03-03T04:12:00+08:00", "80 % of 24 h")
        #expect(reply.deadlineVersion == 1)
        #expect(reply.calendarVersion == nil)

        let result = try #require(started[.complaintResult])
        #expect(result.dueAt.description == "2026-03-11T23:59:59+08:00", "end of the 7th working day")
        #expect(result.calendarVersion == "cn-2026.1")

        #expect(started[.complaintUnresolvedMonth]?.dueAt.description == "2026-04-02T09:00:00+08:00")
        #expect(started[.promisedFeedback]?.dueAt.description == "2026-03-03T18:00:00+08:00")
    }

    @Test func complaintWithoutPromisedDateHasNoFeedbackTimer() throws {
        let changes = try planner.caseCreated(F.record(.complaint, severity: .minor), at: F.time("2026-03-02T09:00:00"))
        #expect(Set(Self.started(changes).keys) == [.complaintFirstReply, .complaintResult, .complaintUnresolvedMonth])
    }

    @Test func majorComplaintStartsManagerCloseNotTheMonthUpgrade() throws {
        let changes = try planner.caseCreated(F.record(.complaint, severity: .major), at: F.time("2026-03-02T09:00:00"))
        let started = Self.started(changes)
        #expect(Set(started.keys) == [.complaintFirstReply, .complaintResult, .managerComplaintClose])
        #expect(started[.managerComplaintClose]?.dueAt.description == "2026-03-17T09:00:00+08:00")
    }

    @Test(arguments: [
        (RepairPriority.urgent, [TimerKind.repairAccept, .repairOnSite, .urgentRepairCompletion]),
        (.general, [.repairAccept, .repairOnSite, .generalRepairCompletion]),
        (.major, [.repairAccept, .majorRepairETA, .longRepairPlan]),
    ])
    func repairCreatedStartsByPriority(_ priority: RepairPriority, _ kinds: [TimerKind]) throws {
        let changes = try planner.caseCreated(F.record(.repair, priority: priority), at: F.time("2026-03-02T09:00:00"))
        #expect(Set(Self.started(changes).keys) == Set(kinds))
    }

    @Test func urgentRepairDeadlines() throws {
        let changes = try planner.caseCreated(F.record(.repair, priority: .urgent, receivedAt: "2026-02-15T23:50:00"),
                                              at: F.time("2026-02-15T23:50:01"))
        let started = Self.started(changes)
        #expect(started[.repairAccept]?.dueAt.description == "2026-02-15T23:55:00+08:00", "wall clock on a holiday")
        #expect(started[.repairAccept]?.remindAt?.description == "2026-02-15T23:54:00+08:00")
        #expect(started[.repairOnSite]?.dueAt.description == "2026-02-16T00:05:00+08:00")
        #expect(started[.urgentRepairCompletion]?.dueAt.description == "2026-02-16T01:50:00+08:00")
    }

    @Test func futureReceivedAtStartsNow() throws {
        let record = F.record(.repair, priority: .urgent, receivedAt: "2026-03-02T10:00:00")
        let changes = try planner.caseCreated(record, at: F.time("2026-03-02T09:00:00"))
        #expect(Self.started(changes)[.repairAccept]?.startedAt.description == "2026-03-02T09:00:00+08:00")
    }

    @Test func acceptStopsRepairAcceptOnly() throws {
        let before = F.record(.repair, state: .dispatched, priority: .urgent)
        let after = F.record(.repair, state: .accepted, priority: .urgent)
        let changes = try planner.transitionApplied(
            command: .accept, before: before, after: after, at: F.time("2026-03-02T09:03:00"),
            existing: Self.pending(.repairAccept, .repairOnSite, .urgentRepairCompletion))
        #expect(changes == [.cancel(kind: .repairAccept, deadlineVersion: 1)])
    }

    @Test func completeStopsCompletionAndStartsReturnAndFollowUp() throws {
        let before = F.record(.repair, state: .onSite, priority: .urgent)
        let after = F.record(.repair, state: .completed, priority: .urgent)
        let changes = try planner.transitionApplied(
            command: .complete, before: before, after: after, at: F.time("2026-03-02T10:30:00"),
            existing: Self.pending(.urgentRepairCompletion, .promisedFeedback))
        #expect(Self.cancelled(changes) == [.urgentRepairCompletion, .promisedFeedback])
        let started = Self.started(changes)
        #expect(Set(started.keys) == [.workOrderReturn, .followUpVisit])
        #expect(started[.workOrderReturn]?.dueAt.description == "2026-03-03T10:30:00+08:00")
        #expect(started[.followUpVisit]?.dueAt.description == "2026-03-05T10:30:00+08:00")
        #expect(changes.firstIndex { if case .cancel = $0 { true } else { false } }! < changes.firstIndex { if case .start = $0 { true } else { false } }!,
                "cancels come first")
    }

    @Test func postponeReschedulesFeedbackWithANewVersion() throws {
        let before = F.record(.complaint, state: .accepted, promised: "2026-03-03T18:00:00")
        var after = before
        after.postponements = 1
        let changes = try planner.transitionApplied(
            command: .postpone, before: before, after: after, at: F.time("2026-03-03T12:00:00"),
            postponeUntil: F.time("2026-03-05T12:00:00"),
            existing: Self.pending(.complaintFirstReply, .complaintResult) + [
                ExistingTimer(kind: .promisedFeedback, deadlineVersion: 1, isPending: true),
            ])
        let expected = TimerSchedule(kind: .promisedFeedback, startedAt: F.time("2026-03-03T12:00:00"),
                                     remindAt: F.time("2026-03-05T02:24:00"), dueAt: F.time("2026-03-05T12:00:00"),
                                     deadlineVersion: 2, calendarVersion: nil)
        #expect(changes == [.reschedule(expected, replacing: 1)])
    }

    @Test func informingTheResidentOfTheSituationAnswersTheMajorRepairETA() throws {
        let record = F.record(.repair, state: .accepted, priority: .major)
        let changes = try planner.transitionApplied(
            command: .informResident, before: record, after: record, at: F.time("2026-03-03T12:00:00"),
            existing: Self.pending(.majorRepairETA, .longRepairPlan, .promisedFeedback))
        #expect(changes == [.cancel(kind: .majorRepairETA, deadlineVersion: 1)])
    }

    @Test func secondPostponeGoesToVersionThree() throws {
        let record = F.record(.repair, state: .accepted, priority: .major)
        let changes = try planner.transitionApplied(
            command: .postpone, before: record, after: record, at: F.time("2026-03-04T12:00:00"),
            postponeUntil: F.time("2026-03-09T12:00:00"),
            existing: [ExistingTimer(kind: .promisedFeedback, deadlineVersion: 2, isPending: true)] + Self.pending(.majorRepairETA))
        #expect(Self.cancelled(changes).isEmpty, "a new feedback date is not the situation and ETA (inform_resident)")
        guard case .reschedule(let schedule, let replacing)? = changes.last else {
            Issue.record("no reschedule in \(changes)")
            return
        }
        #expect(schedule.deadlineVersion == 3)
        #expect(replacing == 2)
        #expect(schedule.dueAt.description == "2026-03-09T12:00:00+08:00")
    }

    @Test func postponeWithoutAPromisedDateStartsTheFeedbackTimer() throws {
        let record = F.record(.complaint, state: .acknowledged)
        let changes = try planner.transitionApplied(
            command: .postpone, before: record, after: record, at: F.time("2026-03-03T12:00:00"),
            postponeUntil: F.time("2026-03-04T12:00:00"), existing: Self.pending(.complaintResult))
        #expect(Self.started(changes)[.promisedFeedback]?.dueAt.description == "2026-03-04T12:00:00+08:00")
        #expect(Self.started(changes)[.promisedFeedback]?.deadlineVersion == 1)
    }

    @Test func closeStopsEverything() throws {
        let before = F.record(.repair, state: .followedUp)
        let after = F.record(.repair, state: .closed)
        let kinds = SLAFixtures.policy.timers.filter { $0.appliesTo.kinds.contains(.repair) }.map(\.kind)
        let existing = kinds.map { ExistingTimer(kind: $0, deadlineVersion: 1, isPending: true) }
        let changes = try planner.transitionApplied(command: .close, before: before, after: after,
                                                    at: F.time("2026-03-06T09:00:00"), existing: existing)
        #expect(Self.cancelled(changes) == Set(kinds))
        #expect(changes.count == kinds.count)
    }

    @Test func reopenStartsReviewAfterAnEarlierOne() throws {
        let before = F.record(.complaint, state: .closed)
        let after = F.record(.complaint, state: .accepted)
        let changes = try planner.transitionApplied(
            command: .reopen, before: before, after: after, at: F.time("2026-09-21T10:00:00"),
            existing: [ExistingTimer(kind: .complaintReview, deadlineVersion: 1, isPending: false),
                       ExistingTimer(kind: .complaintResult, deadlineVersion: 1, isPending: false)])
        let review = try #require(Self.started(changes)[.complaintReview])
        #expect(changes.count == 1)
        #expect(review.deadlineVersion == 2, "versions never repeat for a (case, kind)")
        #expect(review.dueAt.description == "2026-10-19T23:59:59+08:00", "15 working days across National Day")
        #expect(review.calendarVersion == "cn-2026.1")
    }

    @Test func reopenedRepairRestartsWorkAndStopsAfterCareTimers() throws {
        let before = F.record(.repair, state: .workOrderReturned, priority: .general)
        let after = F.record(.repair, state: .dispatched, priority: .general)
        let changes = try planner.transitionApplied(
            command: .reopen, before: before, after: after, at: F.time("2026-03-06T09:00:00"),
            existing: Self.pending(.followUpVisit) + [
                ExistingTimer(kind: .repairAccept, deadlineVersion: 1, isPending: false),
                ExistingTimer(kind: .generalRepairCompletion, deadlineVersion: 1, isPending: false),
            ])
        #expect(Self.cancelled(changes) == [.followUpVisit])
        let started = Self.started(changes)
        #expect(Set(started.keys) == [.repairAccept, .repairOnSite, .generalRepairCompletion])
        #expect(started[.repairAccept]?.deadlineVersion == 2)
        #expect(started[.repairOnSite]?.deadlineVersion == 1)
    }

    @Test func reassignRestartsAcceptForTheNewDepartment() throws {
        let before = F.record(.repair, state: .dispatched, priority: .general, department: .engineering)
        let after = F.record(.repair, state: .dispatched, priority: .general, department: .environment)
        let changes = try planner.transitionApplied(
            command: .reassign, before: before, after: after, at: F.time("2026-03-02T09:10:00"),
            existing: Self.pending(.repairAccept, .repairOnSite, .generalRepairCompletion))
        let kinds = changes.map { change -> String in
            guard case .reschedule(let schedule, let replacing) = change else { return "other" }
            return "\(schedule.kind)-v\(schedule.deadlineVersion)-replacing-v\(replacing)"
        }
        #expect(kinds == ["repair_accept-v2-replacing-v1", "repair_on_site-v2-replacing-v1"])
    }

    @Test func uncoveredYearThrowsWithTheRestPlanned() throws {
        let record = F.record(.complaint, severity: .minor, receivedAt: "2026-12-23T10:00:00")
        do {
            _ = try planner.caseCreated(record, at: F.time("2026-12-23T10:00:00"))
            Issue.record("planned a 2027 working-day deadline without a 2027 calendar")
        } catch {
            #expect(error.unplanned.map(\.kind) == [.complaintResult])
            #expect(error.unplanned.first?.error.year == 2027)
            #expect(error.unplanned.first?.deadlineVersion == 1)
            #expect(Set(Self.started(error.changes).keys) == [.complaintFirstReply, .complaintUnresolvedMonth])
            #expect(error.description.contains("complaint_result"))
        }
    }

    @Test func severityUpgradeStartsManagerClose() throws {
        let before = F.record(.complaint, state: .accepted, severity: .important)
        let after = F.record(.complaint, state: .accepted, severity: .major)
        let changes = try planner.severityUpgraded(before: before, after: after, at: F.time("2026-04-02T09:00:00"),
                                                   existing: Self.pending(.complaintResult))
        #expect(Self.started(changes)[.managerComplaintClose]?.dueAt.description == "2026-04-17T09:00:00+08:00")
        #expect(changes.count == 1)
    }

    @Test func replanningANeedsCalendarTimerUsesSchedule() throws {
        let policy = try #require(SLAFixtures.policy.timer(.complaintResult))
        let schedule = try planner.schedule(policy, startedAt: F.time("2026-12-21T10:00:00"), feedbackDate: nil, deadlineVersion: 1)
        #expect(schedule?.dueAt.description == "2026-12-30T23:59:59+08:00")
    }
}
