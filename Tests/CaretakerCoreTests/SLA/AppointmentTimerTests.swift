import CaretakerCore
import Testing

/// 预约维修时间 (issue 12 item 3): with an appointment the on-site timer counts to the agreed
/// time, not from receipt; `appoint` moves it; other timers are untouched.
@Suite struct AppointmentTimerTests {
    let planner = SLAFixtures.planner
    typealias F = SLAFixtures
    typealias P = TimerPlannerTests

    @Test func anAppointmentAtIntakeIsTheOnSiteDeadline() throws {
        var record = F.record(.repair, priority: .small, receivedAt: "2026-03-02T09:00:00")
        record.report.appointmentAt = F.time("2026-03-03T14:00:00")
        let started = P.started(try planner.caseCreated(record, at: F.time("2026-03-02T09:00:00")))
        #expect(started[.repairOnSite]?.dueAt.description == "2026-03-03T14:00:00+08:00")
        #expect(started[.repairAccept]?.dueAt.description == "2026-03-02T09:05:00+08:00", "taking the order is not deferred")
    }

    @Test func withoutAnAppointmentItIsFifteenMinutes() throws {
        let record = F.record(.repair, priority: .small, receivedAt: "2026-03-02T09:00:00")
        #expect(P.started(try planner.caseCreated(record, at: F.time("2026-03-02T09:00:00")))[.repairOnSite]?.dueAt.description
            == "2026-03-02T09:15:00+08:00")
    }

    @Test func appointMovesThePendingOnSiteTimerToTheAgreedTime() throws {
        let before = F.record(.repair, state: .accepted, priority: .general)
        var after = before
        after.report.appointmentAt = F.time("2026-03-04T10:00:00")
        let changes = try planner.transitionApplied(
            command: .appoint, before: before, after: after, at: F.time("2026-03-02T09:10:00"),
            existing: P.pending(.repairOnSite, .generalRepairCompletion))
        guard case .reschedule(let schedule, let replacing)? = changes.first, changes.count == 1 else {
            Issue.record("expected one reschedule, got \(changes)")
            return
        }
        #expect(schedule.kind == .repairOnSite)
        #expect(replacing == 1)
        #expect(schedule.deadlineVersion == 2)
        #expect(schedule.dueAt.description == "2026-03-04T10:00:00+08:00")
    }

    @Test func aPastAppointmentDoesNotExtendARestartedTimer() throws {
        var record = F.record(.repair, state: .dispatched, priority: .general)
        record.report.appointmentAt = F.time("2026-03-01T10:00:00")
        let changes = try planner.transitionApplied(
            command: .reopen, before: record, after: record, at: F.time("2026-03-05T09:00:00"), existing: [])
        #expect(P.started(changes)[.repairOnSite]?.dueAt.description == "2026-03-05T09:15:00+08:00")
    }
}

/// A console's priority correction (issue 12 item 1) re-plans the timers as if triage had
/// decided it at receipt.
@Suite struct PriorityCorrectionTimerTests {
    let planner = SLAFixtures.planner
    typealias F = SLAFixtures
    typealias P = TimerPlannerTests

    @Test func aGeneralRepairMadeUrgentGetsTheTwoHourLimitFromReceipt() throws {
        let before = F.record(.repair, state: .accepted, priority: .general, receivedAt: "2026-03-02T09:00:00")
        var after = before
        after.priority = .urgent
        let changes = try planner.transitionApplied(
            command: .setPriority, before: before, after: after, at: F.time("2026-03-02T09:30:00"),
            existing: P.pending(.repairOnSite, .generalRepairCompletion))
        #expect(P.cancelled(changes) == [.generalRepairCompletion])
        #expect(P.started(changes)[.urgentRepairCompletion]?.dueAt.description == "2026-03-02T11:00:00+08:00")
        #expect(P.started(changes)[.repairOnSite] == nil, "the on-site timer applies to both and keeps running")
    }

    @Test func aSmallRepairFoundToBeMajorWorksGetsTheETAAndPlanTimers() throws {
        let before = F.record(.repair, state: .onSite, priority: .small, receivedAt: "2026-03-02T09:00:00")
        var after = before
        after.priority = .major
        let changes = try planner.transitionApplied(
            command: .setPriority, before: before, after: after, at: F.time("2026-03-02T10:00:00"),
            existing: P.pending(.urgentRepairCompletion))
        #expect(P.cancelled(changes) == [.urgentRepairCompletion])
        #expect(Set(P.started(changes).keys) == [.majorRepairETA, .longRepairPlan])
    }
}
