import CaretakerCore
import Testing

/// The reminder and escalation events: audiences by level, deterministic ids, the timer facts.
@Suite struct TimerEventsTests {
    typealias F = SLAFixtures

    static let timer = StoredTimer(caseID: "c1", kind: .complaintResult, remindAt: F.time("2026-03-10T00:00:00"),
                                   dueAt: F.time("2026-03-11T23:59:59"), deadlineVersion: 2, calendarVersion: "cn-2026.1")

    @Test(arguments: [
        (EscalationLevel.handler, [EventAudience.security, .customerService]),
        (.departmentSupervisor, [.security, .customerService]),
        (.management, [.security, .customerService, .management]),
        (.leadership, [.security, .customerService, .management, .leadership]),
    ])
    func audiencesClimbTheLadder(_ level: EscalationLevel, _ audiences: [EventAudience]) {
        #expect(level.audiences(department: .security) == audiences)
    }

    @Test func customerServiceCaseIsNotListedTwice() {
        #expect(EscalationLevel.management.audiences(department: .customerService) == [.customerService, .management])
    }

    @Test func escalationEventsCarryTheTimer() throws {
        let record = F.record(.complaint, state: .accepted, department: .security)
        let now = F.time("2026-03-14T00:00:00")
        let decision = try TimerFiring.decide(Self.timer, policy: F.policy, now: now)
        #expect(decision.action == .escalate(.management))
        let events = TimerEvents.events(for: decision, timer: Self.timer, record: record, at: now)
        #expect(events.map(\.audience) == [.security, .customerService, .management])
        #expect(events.map(\.eventID) == [
            "timer-c1-complaint_result-v2-L2-security",
            "timer-c1-complaint_result-v2-L2-customer_service",
            "timer-c1-complaint_result-v2-L2-management",
        ])
        let event = try #require(events.first)
        #expect(event.type == .escalated)
        #expect(event.routingKey == "security.case.escalated")
        #expect(event.correlationID == "m-1")
        let change = try #require(event.payload["change"])
        #expect(change["timer_kind"] == .string("complaint_result"))
        #expect(change["deadline"] == .string("2026-03-11T23:59:59+08:00"))
        #expect(change["late_seconds"] == .number(Double(2 * 86_400 + 1)))
        #expect(change["level"] == .number(2))
        #expect(change["level_name"] == .string("management"))
        #expect(change["deadline_version"] == .number(2))
        #expect(change["calendar_version"] == .string("cn-2026.1"))
        #expect(change["skipped_levels"] == .array([.number(1)]))
    }

    @Test func reminderGoesToTheHandlerWithLevelZero() throws {
        let record = F.record(.complaint, state: .accepted, department: .environment)
        let now = F.time("2026-03-10T08:00:00")
        let decision = try TimerFiring.decide(Self.timer, policy: F.policy, now: now)
        #expect(decision.action == .remind)
        let events = TimerEvents.events(for: decision, timer: Self.timer, record: record, at: now)
        #expect(events.map(\.eventID) == [
            "timer-c1-complaint_result-v2-L0-environment", "timer-c1-complaint_result-v2-L0-customer_service",
        ])
        #expect(events.allSatisfy { $0.type == .reminder })
        #expect(events.first?.payload["change"]?["level_name"] == .string("handler"))
        #expect(events.first?.payload["change"]?["late_seconds"] == .number(0))
        #expect(events.first?.payload["change"]?["seconds_left"] == .number(Double(86_400 + 15 * 3600 + 3599)))
    }

    @Test func nothingEmitsNothing() throws {
        let decision = try TimerFiring.decide(Self.timer, policy: F.policy, now: F.time("2026-03-03T00:00:00"))
        #expect(TimerEvents.events(for: decision, timer: Self.timer, record: F.record(.complaint), at: F.time("2026-03-03T00:00:00")).isEmpty)
    }

    @Test func upgradeEventsAreCaseUpdates() {
        let timer = StoredTimer(caseID: "c1", kind: .complaintUnresolvedMonth, remindAt: nil, dueAt: F.time("2026-04-02T09:00:00"), deadlineVersion: 1)
        let before = F.record(.complaint, state: .accepted, severity: .important, department: .security)
        var after = before
        after.severity = .major
        after.notify = [.management, .leadership]
        let events = TimerEvents.severityUpgraded(before: before, after: after, timer: timer, at: F.time("2026-04-02T09:00:01"))
        #expect(events.map(\.audience) == [.security, .customerService, .management, .leadership, .quality],
                "a complaint upgraded to major reaches quality management too")
        #expect(events.allSatisfy { $0.type == .updated })
        #expect(events.first?.eventID == "timer-c1-complaint_unresolved_month-v1-upgrade-security")
        #expect(events.first?.payload["change"]?["from_severity"] == .string("important"))
        #expect(events.first?.payload["severity"] == .string("major"))
    }
}
