/// Builds the `case.reminder` and `case.escalated` events of a firing decision, and the
/// `case.updated` events of a severity upgrade, with deterministic ids.
///
/// Ids are `timer-<case_id>-<kind>-v<deadline_version>-L<level>-<audience>` (level 0 = the
/// reminder) and `timer-<case_id>-<kind>-v<deadline_version>-upgrade-<audience>`: the store uses
/// them as the outbox `message_id`, whose UNIQUE constraint makes a second event for the same
/// (case, timer kind, deadline version, level, audience) impossible.
public enum TimerEvents {
    /// The event id of a timer event.
    public static func eventID(caseID: String, kind: TimerKind, deadlineVersion: Int, level: EscalationLevel,
                               audience: EventAudience) -> String {
        "timer-\(caseID)-\(kind.rawValue)-v\(deadlineVersion)-L\(level.rawValue)-\(audience.rawValue)"
    }

    /// One event per audience of the decision's level (see `EscalationLevel.audiences`), about
    /// `record` as it is now; empty when the decision emits nothing.
    public static func events(for decision: TimerFiringDecision, timer: StoredTimer, record: CaseRecord,
                              at now: RFC3339Timestamp) -> [CaseEvent] {
        guard let level = decision.level else { return [] }
        let type: CaseEventType = level == .handler ? .reminder : .escalated
        let change = JSONValue.object(timerFacts(timer, level: level, decision: decision))
        return level.audiences(department: record.department).map { audience in
            CaseEvents.event(type, for: audience, record: record, at: now,
                             id: eventID(caseID: timer.caseID, kind: timer.kind, deadlineVersion: timer.deadlineVersion,
                                         level: level, audience: audience),
                             change: change)
        }
    }

    /// `case.updated` for every audience of the upgraded case (`after`, whose severity is now
    /// major and whose `notify` the store has set), saying which timer raised it from what.
    public static func severityUpgraded(before: CaseRecord, after: CaseRecord, timer: StoredTimer,
                                        at now: RFC3339Timestamp) -> [CaseEvent] {
        let change = JSONValue.object([
            ("step", .string("severity_upgraded")),
            ("from_severity", before.severity.map { .string($0.rawValue) } ?? .null),
            ("severity", after.severity.map { .string($0.rawValue) } ?? .null),
            ("timer_kind", .string(timer.kind.rawValue)),
            ("deadline", .string(SLATime.local(timer.dueAt).description)),
            ("deadline_version", .number(Double(timer.deadlineVersion))),
            ("actor", CaseActor.system.json),
        ])
        return after.audiences.map { audience in
            CaseEvents.event(.updated, for: audience, record: after, at: now,
                             id: "timer-\(timer.caseID)-\(timer.kind.rawValue)-v\(timer.deadlineVersion)-upgrade-\(audience.rawValue)",
                             change: change)
        }
    }

    private static func timerFacts(_ timer: StoredTimer, level: EscalationLevel,
                                   decision: TimerFiringDecision) -> [(key: String, value: JSONValue)] {
        var facts: [(key: String, value: JSONValue)] = [
            ("step", .string(level == .handler ? "reminder" : "escalation")),
            ("timer_kind", .string(timer.kind.rawValue)),
            ("deadline", .string(SLATime.local(timer.dueAt).description)),
            ("late_seconds", .number(Double(decision.lateSeconds))),
            ("seconds_left", .number(Double(decision.secondsLeft))),
            ("level", .number(Double(level.rawValue))),
            ("level_name", .string(level.name)),
            ("deadline_version", .number(Double(timer.deadlineVersion))),
            ("calendar_version", timer.calendarVersion.map(JSONValue.string) ?? .null),
        ]
        if !decision.skippedLevels.isEmpty {
            facts.append(("skipped_levels", .array(decision.skippedLevels.map { .number(Double($0.rawValue)) })))
        }
        if let effect = decision.effect { facts.append(("effect", .string(effect.rawValue))) }
        return facts
    }
}
