/// One timer kind of the SLA policy: when it starts and stops, its deadline, its reminder and
/// its escalation steps. Parsed from one entry of `timers` in `config/sla-policy.json`.
public struct TimerPolicy: Sendable, Equatable {
    /// Which cases a timer applies to.
    public struct Applicability: Sendable, Equatable {
        /// Complaints, repairs or both.
        public var kinds: Set<IntakeMessage.Kind>
        /// Complaint severities it applies to; `nil` for all.
        public var severities: Set<ComplaintSeverity>?
        /// Repair priorities it applies to; `nil` for all.
        public var priorities: Set<RepairPriority>?

        /// Creates an applicability filter.
        public init(kinds: Set<IntakeMessage.Kind>, severities: Set<ComplaintSeverity>? = nil, priorities: Set<RepairPriority>? = nil) {
            self.kinds = kinds
            self.severities = severities
            self.priorities = priorities
        }

        /// Whether `record` is a case this timer is for. A filter on a field the record lacks
        /// (e.g. a severity filter and no severity) does not match.
        public func matches(_ record: CaseRecord) -> Bool {
            guard kinds.contains(record.kind) else { return false }
            if let severities {
                guard let severity = record.severity, severities.contains(severity) else { return false }
            }
            if let priorities {
                guard let priority = record.priority, priorities.contains(priority) else { return false }
            }
            return true
        }
    }

    /// What starts a timer.
    public enum StartTrigger: Sendable, Hashable, CustomStringConvertible {
        /// The case was registered (`created`).
        case created
        /// A console command was accepted (its wire name, e.g. `complete`, `reopen`), or it had
        /// an outcome (`CaseAction.outcomeTriggers`, e.g. `assess_invalid`).
        case command(String)
        /// A complaint's severity was raised (`severity_upgraded`), e.g. by the one-month timer.
        case severityUpgraded

        /// The trigger as written in the policy.
        public var description: String {
            switch self {
            case .created: "created"
            case .command(let name): name
            case .severityUpgraded: "severity_upgraded"
            }
        }
    }

    /// What stops (cancels) a running timer.
    public struct StopRule: Sendable, Equatable {
        /// Accepted commands (or their outcome triggers) that stop it.
        public var commands: Set<String>
        /// States that stop it when the case enters them.
        public var states: Set<CaseState>

        /// Creates a stop rule.
        public init(commands: Set<String>, states: Set<CaseState>) {
            self.commands = commands
            self.states = states
        }
    }

    /// How a deadline is counted.
    public enum Clock: String, Sendable, CaseIterable {
        /// Elapsed real time (days are 24 h, months calendar months).
        case wall
        /// Whole working days by the calendars (see `CalendarSet.workingDayDeadline`).
        case workingDays = "working_days"
    }

    /// Where the deadline comes from.
    public enum Deadline: Sendable, Equatable {
        /// A budget from the start, counted on `clock`.
        case budget(SLADuration, Clock)
        /// The feedback date promised at intake (`promised_feedback_at`), later the `postpone` date.
        case promisedFeedback
        /// The due date of the corrective action `correct` recorded (`due`).
        case correctionDue
    }

    /// One escalation step: reach `level` once `after` has passed since the deadline.
    public struct EscalationStep: Sendable, Equatable {
        /// The rung reached (1–3).
        public var level: EscalationLevel
        /// Seconds past the deadline (0 for the first step).
        public var afterSeconds: Int64

        /// Creates a step.
        public init(level: EscalationLevel, afterSeconds: Int64) {
            self.level = level
            self.afterSeconds = afterSeconds
        }
    }

    /// A side effect of the deadline passing.
    public enum ExpiryEffect: String, Sendable, CaseIterable {
        /// Raise the complaint's severity to `major` (seed 000 4.3.1 c).
        case upgradeSeverityMajor = "upgrade_severity_major"
    }

    /// The timer kind's code.
    public var kind: TimerKind
    /// Whether new timers of this kind start; a disabled kind says why in `note`.
    public var enabled: Bool
    /// The DOMAIN.md SLA table rows it implements.
    public var domainRows: [Int]
    /// Why it is configured this way (required when disabled).
    public var note: String?
    /// Which cases it applies to.
    public var appliesTo: Applicability
    /// What starts it; a trigger that fires while it runs restarts it with a new deadline version.
    public var startOn: [StartTrigger]
    /// What stops it.
    public var stop: StopRule
    /// Where its deadline comes from.
    public var deadline: Deadline
    /// The share of the budget after which the handler is reminded; `nil` for no reminder.
    public var remindAt: Double?
    /// Escalation steps, by increasing level and time; the first is at the deadline.
    public var escalation: [EscalationStep]
    /// What else happens when the deadline passes.
    public var onExpiry: ExpiryEffect?
    /// Whether `postpone` moves this timer's deadline to the new feedback date.
    public var followsFeedbackDate: Bool
    /// Whether a repair's appointment (`appointment_at`, `appoint`) is this timer's deadline when
    /// it lies after the start (the on-site timer: the technician comes at the agreed time).
    public var followsAppointment: Bool

    /// Creates a timer policy; no validation is done here (use `SLAPolicy.parse(_:)`).
    public init(kind: TimerKind, enabled: Bool = true, domainRows: [Int] = [], note: String? = nil,
                appliesTo: Applicability, startOn: [StartTrigger], stop: StopRule, deadline: Deadline,
                remindAt: Double?, escalation: [EscalationStep], onExpiry: ExpiryEffect? = nil,
                followsFeedbackDate: Bool = false, followsAppointment: Bool = false) {
        self.kind = kind
        self.enabled = enabled
        self.domainRows = domainRows
        self.note = note
        self.appliesTo = appliesTo
        self.startOn = startOn
        self.stop = stop
        self.deadline = deadline
        self.remindAt = remindAt
        self.escalation = escalation
        self.onExpiry = onExpiry
        self.followsFeedbackDate = followsFeedbackDate
        self.followsAppointment = followsAppointment
    }

    /// The highest rung this timer can reach.
    public var topLevel: EscalationLevel { escalation.last?.level ?? .handler }
}
