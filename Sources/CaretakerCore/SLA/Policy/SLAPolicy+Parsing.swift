extension SLAPolicy {
    /// The only time zone deadlines are computed in (see `SLATime`).
    public static let timeZone = "Asia/Shanghai"

    /// Parses and validates a policy file (UTF-8 JSON).
    ///
    /// The first problem found is thrown with its path within the file, e.g.
    /// `timers[2].escalation[1].after: order: must be later than the step before (24h)`.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(SLAPolicyError) -> SLAPolicy where Bytes.Element == UInt8 {
        let top = try DataFileReader(try DataFileError.parseJSON(bytes)).object(allowedKeys: ["version", "description", "time_zone", "timers"])
        let version = try top.string("version")!
        _ = try top.string("description", required: false)
        if let zone = try top.string("time_zone", required: false), zone != timeZone {
            throw SLAPolicyError(path: top.at("time_zone"), problem: .unknownValue,
                                 message: "\"\(zone)\" is not supported; deadlines are computed in \(timeZone)")
        }
        var timers: [TimerPolicy] = []
        var kinds = Set<TimerKind>()
        for item in try top.items("timers") {
            let timer = try TimerPolicy.parse(item)
            guard kinds.insert(timer.kind).inserted else {
                throw SLAPolicyError(path: item.at("code"), problem: .duplicate, message: "timer code \"\(timer.kind)\" is already used by an earlier timer")
            }
            timers.append(timer)
        }
        return SLAPolicy(version: version, timers: timers)
    }
}

extension TimerPolicy {
    static func parse(_ value: DataFileReader) throws(SLAPolicyError) -> TimerPolicy {
        let entry = try value.object(allowedKeys: [
            "code", "enabled", "domain_rows", "note", "applies_to", "start_on", "stop", "budget", "clock",
            "due_at", "remind_at", "escalation", "on_expiry", "follows_feedback_date", "follows_appointment",
        ])
        let code = try entry.string("code")!
        guard code.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }), code.utf8.count <= 64 else {
            throw SLAPolicyError(path: entry.at("code"), problem: .unknownValue, message: "must be lower-case letters, digits and _ (at most 64)")
        }
        let enabled = try entry.bool("enabled", default: true)
        let note = try entry.string("note", required: false)
        if !enabled && note == nil {
            throw SLAPolicyError(path: entry.at("note"), problem: .missing, message: "a disabled timer must say why in a note")
        }
        var rows: [Int] = []
        for item in try entry.items("domain_rows", required: false, nonEmpty: false) {
            let number = try item.number(in: 1...99)
            rows.append(Int(number))
        }

        let appliesTo = try applicability(try entry.field("applies_to")!)
        let startOn = try triggers(entry)
        let stop = try stopRule(try entry.field("stop")!)
        let deadline = try deadline(entry)

        var remindAt: Double?
        if let share = try entry.field("remind_at", required: false), share.value != .null {
            let value = try share.number(in: 0...1)
            guard value > 0, value < 1 else {
                throw SLAPolicyError(path: entry.at("remind_at"), problem: .outOfRange, message: "must be a share of the budget between 0 and 1 (exclusive), or null")
            }
            remindAt = value
        }

        let escalation = try steps(entry)
        let onExpiry: ExpiryEffect? = try entry.enumeration("on_expiry", required: false)
        var follows = try entry.bool("follows_feedback_date", default: deadline == .promisedFeedback)
        if deadline == .promisedFeedback && !follows {
            throw SLAPolicyError(path: entry.at("follows_feedback_date"), problem: .conflict,
                                 message: "a timer due at promised_feedback_at always follows the feedback date")
        }
        if onExpiry == .upgradeSeverityMajor && appliesTo.kinds != [.complaint] {
            throw SLAPolicyError(path: entry.at("on_expiry"), problem: .conflict, message: "only a complaint has a severity to upgrade")
        }
        if deadline == .correctionDue && follows {
            throw SLAPolicyError(path: entry.at("follows_feedback_date"), problem: .conflict,
                                 message: "a timer due at correction_due_at follows the corrective action, not the feedback date")
        }
        follows = follows || deadline == .promisedFeedback
        let appointment = try entry.bool("follows_appointment", default: false)
        if appointment && (appliesTo.kinds != [.repair] || deadline == .promisedFeedback || deadline == .correctionDue) {
            throw SLAPolicyError(path: entry.at("follows_appointment"), problem: .conflict,
                                 message: "only a repair timer with a budget follows the appointment")
        }
        return TimerPolicy(kind: TimerKind(rawValue: code), enabled: enabled, domainRows: rows, note: note,
                           appliesTo: appliesTo, startOn: startOn, stop: stop, deadline: deadline,
                           remindAt: remindAt, escalation: escalation, onExpiry: onExpiry, followsFeedbackDate: follows,
                           followsAppointment: appointment)
    }

    private static func applicability(_ value: DataFileReader) throws(SLAPolicyError) -> Applicability {
        let filter = try value.object(allowedKeys: ["kinds", "severity", "priority"])
        var kinds = Set<IntakeMessage.Kind>()
        for item in try filter.items("kinds") {
            let kind: IntakeMessage.Kind = try item.enumeration()
            guard kinds.insert(kind).inserted else {
                throw SLAPolicyError(path: item.path, problem: .duplicate, message: "\"\(kind.rawValue)\" is listed twice")
            }
        }
        var severities: Set<ComplaintSeverity>?
        if try filter.raw("severity", required: false) != nil {
            guard kinds == [.complaint] else {
                throw SLAPolicyError(path: filter.at("severity"), problem: .conflict, message: "only complaints have a severity; use priority for repairs")
            }
            var set = Set<ComplaintSeverity>()
            for item in try filter.items("severity") {
                set.insert(try item.enumeration())
            }
            severities = set
        }
        var priorities: Set<RepairPriority>?
        if try filter.raw("priority", required: false) != nil {
            guard kinds == [.repair] else {
                throw SLAPolicyError(path: filter.at("priority"), problem: .conflict, message: "only repairs have a priority; use severity for complaints")
            }
            var set = Set<RepairPriority>()
            for item in try filter.items("priority") {
                set.insert(try item.enumeration())
            }
            priorities = set
        }
        return Applicability(kinds: kinds, severities: severities, priorities: priorities)
    }

    private static func triggers(_ entry: DataFileReader) throws(SLAPolicyError) -> [StartTrigger] {
        var result: [StartTrigger] = []
        for (index, name) in try entry.strings("start_on").enumerated() {
            let path = entry.at("start_on") + "[\(index)]"
            let trigger: StartTrigger
            switch name {
            case "created": trigger = .created
            case "severity_upgraded": trigger = .severityUpgraded
            default:
                guard CaseAction.allTriggerNames.contains(name) else {
                    throw SLAPolicyError(path: path, problem: .unknownValue,
                                         message: "\"\(name)\" is not one of: created, severity_upgraded, \(CaseAction.allTriggerNames.joined(separator: ", "))")
                }
                trigger = .command(name)
            }
            guard !result.contains(trigger) else {
                throw SLAPolicyError(path: path, problem: .duplicate, message: "\"\(name)\" is listed twice")
            }
            result.append(trigger)
        }
        return result
    }

    private static func stopRule(_ value: DataFileReader) throws(SLAPolicyError) -> StopRule {
        let stop = try value.object(allowedKeys: ["commands", "states"])
        var commands = Set<String>()
        for (index, name) in try stop.strings("commands", required: false, nonEmpty: false).enumerated() {
            guard CaseAction.allTriggerNames.contains(name) else {
                throw SLAPolicyError(path: stop.at("commands") + "[\(index)]", problem: .unknownValue,
                                     message: "\"\(name)\" is not one of: \(CaseAction.allTriggerNames.joined(separator: ", "))")
            }
            commands.insert(name)
        }
        var states = Set<CaseState>()
        for item in try stop.items("states", required: false, nonEmpty: false) {
            states.insert(try item.enumeration())
        }
        guard !commands.isEmpty || !states.isEmpty else {
            throw SLAPolicyError(path: stop.path, problem: .empty, message: "a timer needs at least one stopping command or state")
        }
        return StopRule(commands: commands, states: states)
    }

    private static func duration(_ entry: DataFileReader, _ key: String) throws(SLAPolicyError) -> SLADuration {
        let text = try entry.string(key)!
        guard let duration = SLADuration(text) else {
            throw SLAPolicyError(path: entry.at(key), problem: .invalidDuration,
                                 message: "\"\(text)\" is not a duration such as 0, 30s, 15min, 2h, 3d or 1mo")
        }
        return duration
    }

    private static func deadline(_ entry: DataFileReader) throws(SLAPolicyError) -> Deadline {
        let hasBudget = try entry.raw("budget", required: false) != nil
        if let dueAt = try entry.string("due_at", required: false) {
            guard dueAt == "promised_feedback_at" || dueAt == "correction_due_at" else {
                throw SLAPolicyError(path: entry.at("due_at"), problem: .unknownValue,
                                     message: "\"\(dueAt)\" is not one of: promised_feedback_at, correction_due_at")
            }
            guard !hasBudget else {
                throw SLAPolicyError(path: entry.at("budget"), problem: .conflict, message: "a timer has either a budget or due_at, not both")
            }
            if try entry.raw("clock", required: false) != nil {
                throw SLAPolicyError(path: entry.at("clock"), problem: .conflict, message: "a timer due at \(dueAt) has no clock")
            }
            return dueAt == "promised_feedback_at" ? .promisedFeedback : .correctionDue
        }
        guard hasBudget else {
            throw SLAPolicyError(path: entry.at("budget"), problem: .missing, message: "required key is missing (or give due_at)")
        }
        let budget = try duration(entry, "budget")
        let clock: Clock = try entry.enumeration("clock")!
        guard budget.amount > 0 else {
            throw SLAPolicyError(path: entry.at("budget"), problem: .outOfRange, message: "must be longer than 0")
        }
        if clock == .workingDays && budget.unit != .day {
            throw SLAPolicyError(path: entry.at("budget"), problem: .conflict, message: "a working_days budget is written in days, e.g. 7d")
        }
        return .budget(budget, clock)
    }

    private static func steps(_ entry: DataFileReader) throws(SLAPolicyError) -> [EscalationStep] {
        var result: [EscalationStep] = []
        for item in try entry.items("escalation") {
            let step = try item.object(allowedKeys: ["level", "after", "note"])
            _ = try step.string("note", required: false)
            let number = try step.integer("level", range: 1...3)!
            let level = EscalationLevel(rawValue: number)!
            let after = try duration(step, "after")
            guard let seconds = after.seconds else {
                throw SLAPolicyError(path: step.at("after"), problem: .invalidDuration, message: "write escalation delays in s, min, h or d, not months")
            }
            if let previous = result.last {
                guard level > previous.level else {
                    throw SLAPolicyError(path: step.at("level"), problem: .order, message: "must be higher than the step before (\(previous.level.rawValue))")
                }
                guard seconds > previous.afterSeconds else {
                    throw SLAPolicyError(path: step.at("after"), problem: .order, message: "must be later than the step before")
                }
            } else if seconds != 0 {
                throw SLAPolicyError(path: step.at("after"), problem: .order, message: "the first step is at the deadline: after must be 0")
            }
            result.append(EscalationStep(level: level, afterSeconds: seconds))
        }
        return result
    }
}
