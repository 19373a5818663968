import CaretakerCore
import Testing

/// What a stored timer emits at a given time: reminders, escalations, catch-up after downtime.
@Suite struct TimerFiringTests {
    typealias F = SLAFixtures

    /// A 24 h first-reply timer due 2026-03-03 09:00, reminded at 04:12, steps at +0 / +24 h / +72 h.
    static func firstReply(reminded: Bool = false, level: EscalationLevel = .handler) -> StoredTimer {
        StoredTimer(caseID: "c1", kind: .complaintFirstReply, remindAt: F.time("2026-03-03T04:12:00"),
                    dueAt: F.time("2026-03-03T09:00:00"), reminded: reminded, level: level, deadlineVersion: 1)
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var reminded = false
        var level = EscalationLevel.handler
        var now: String
        var action: TimerFiringDecision.Action
        var late: Int64
        var next: String?
        var skipped: [EscalationLevel] = []
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "before the reminder: nothing, wake at the reminder", now: "2026-03-02T20:00:00",
            action: .nothing, late: 0, next: "2026-03-03T04:12:00+08:00"),
        Row(name: "after the reminder: remind, wake at the deadline", now: "2026-03-03T04:12:00",
            action: .remind, late: 0, next: "2026-03-03T09:00:00+08:00"),
        Row(name: "reminded already: nothing until the deadline", reminded: true, now: "2026-03-03T05:00:00",
            action: .nothing, late: 0, next: "2026-03-03T09:00:00+08:00"),
        Row(name: "at the deadline: level 1", reminded: true, now: "2026-03-03T09:00:00",
            action: .escalate(.departmentSupervisor), late: 0, next: "2026-03-04T09:00:00+08:00"),
        Row(name: "after the deadline, never reminded: level 1, no late reminder", now: "2026-03-03T09:30:00",
            action: .escalate(.departmentSupervisor), late: 1800, next: "2026-03-04T09:00:00+08:00"),
        Row(name: "level 1 done, level 2 not due: nothing", reminded: true, level: .departmentSupervisor, now: "2026-03-03T20:00:00",
            action: .nothing, late: 11 * 3600, next: "2026-03-04T09:00:00+08:00"),
        Row(name: "level 1 done, level 2 due", reminded: true, level: .departmentSupervisor, now: "2026-03-04T09:00:01",
            action: .escalate(.management), late: 86_401, next: "2026-03-06T09:00:00+08:00"),
        Row(name: "catch-up after downtime: only the highest level", now: "2026-03-07T10:00:00",
            action: .escalate(.leadership), late: 4 * 86_400 + 3600, next: nil, skipped: [.departmentSupervisor, .management]),
        Row(name: "catch-up from level 1 skips level 2", reminded: true, level: .departmentSupervisor, now: "2026-03-06T09:00:00",
            action: .escalate(.leadership), late: 3 * 86_400, next: nil, skipped: [.management]),
        Row(name: "top level reached: nothing, no next wake-up", reminded: true, level: .leadership, now: "2026-03-20T09:00:00",
            action: .nothing, late: 17 * 86_400, next: nil),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) throws {
        let timer = Self.firstReply(reminded: row.reminded, level: row.level)
        let decision = try TimerFiring.decide(timer, policy: F.policy, now: F.time(row.now))
        #expect(decision.action == row.action)
        #expect(decision.lateSeconds == row.late)
        #expect(decision.nextWakeAt?.description == row.next)
        #expect(decision.skippedLevels == row.skipped)
        #expect(decision.effect == nil)
    }

    @Test func decidingTwiceGivesTheSameDecision() throws {
        let now = F.time("2026-03-05T00:00:00")
        let first = try TimerFiring.decide(Self.firstReply(), policy: F.policy, now: now)
        let second = try TimerFiring.decide(Self.firstReply(), policy: F.policy, now: now)
        #expect(first == second)
    }

    @Test func monthTimerUpgradesOnItsFirstEscalationOnly() throws {
        let timer = StoredTimer(caseID: "c1", kind: .complaintUnresolvedMonth, remindAt: nil,
                                dueAt: F.time("2026-04-02T09:00:00"), deadlineVersion: 1)
        let decision = try TimerFiring.decide(timer, policy: F.policy, now: F.time("2026-04-03T09:00:00"))
        #expect(decision.action == .escalate(.leadership))
        #expect(decision.effect == .upgradeSeverityMajor)
        #expect(decision.nextWakeAt == nil)
        #expect(decision.lateSeconds == 86_400)

        var fired = timer
        fired.level = .leadership
        let again = try TimerFiring.decide(fired, policy: F.policy, now: F.time("2026-04-04T09:00:00"))
        #expect(again.action == .nothing)
        #expect(again.effect == nil)
    }

    @Test func urgentRepairReachesLeadershipAt24Hours() throws {
        let timer = StoredTimer(caseID: "c1", kind: .urgentRepairCompletion, remindAt: F.time("2026-03-02T10:36:00"),
                                dueAt: F.time("2026-03-02T11:00:00"), deadlineVersion: 1)
        let at23h = try TimerFiring.decide(timer, policy: F.policy, now: F.time("2026-03-03T08:59:59"))
        #expect(at23h.action == .escalate(.management))
        #expect(at23h.nextWakeAt?.description == "2026-03-03T09:00:00+08:00")
        let at24h = try TimerFiring.decide(timer, policy: F.policy, now: F.time("2026-03-03T09:00:00"))
        #expect(at24h.action == .escalate(.leadership))
    }

    @Test func timerWithoutReminderWakesAtTheDeadline() throws {
        let timer = StoredTimer(caseID: "c1", kind: .longRepairPlan, remindAt: nil, dueAt: F.time("2026-03-05T09:00:00"), deadlineVersion: 1)
        let decision = try TimerFiring.decide(timer, policy: F.policy, now: F.time("2026-03-04T09:00:00"))
        #expect(decision.action == .nothing)
        #expect(decision.nextWakeAt?.description == "2026-03-05T09:00:00+08:00")
        #expect(decision.secondsLeft == 86_400)
    }

    @Test func unknownKindThrows() {
        let timer = StoredTimer(caseID: "c1", kind: "retired_kind", remindAt: nil, dueAt: F.time("2026-03-05T09:00:00"), deadlineVersion: 1)
        #expect(throws: TimerFiringError.self) {
            _ = try TimerFiring.decide(timer, policy: F.policy, now: F.time("2026-03-06T09:00:00"))
        }
    }

    @Test func plannedScheduleFiresAsStored() throws {
        let changes = try F.planner.caseCreated(F.record(.repair, priority: .urgent), at: F.time("2026-03-02T09:00:00"))
        for case .start(let schedule) in changes {
            let timer = StoredTimer(caseID: "c1", schedule: schedule)
            let atDue = try TimerFiring.decide(timer, policy: F.policy, now: schedule.dueAt)
            #expect(atDue.action == .escalate(.departmentSupervisor), "\(schedule.kind)")
        }
    }
}
