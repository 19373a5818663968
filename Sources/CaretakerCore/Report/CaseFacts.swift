/// What the monthly report needs to know about one case received in the month, read from the
/// case row, its history and its timers.
public struct CaseFacts: Sendable, Equatable {
    /// The case number residents and staff quote (e.g. `TS-2026-000123`), listed for cases not yet due.
    public var caseNumber: String
    /// When the case was received; `nil` when unknown (then nothing is judged against its age).
    public var receivedAt: RFC3339Timestamp?
    /// `complaint` or `repair`.
    public var kind: String
    /// The department that owns the case now (after any reassignment).
    public var department: String
    /// The main category (e.g. `lighting`).
    public var category: String
    /// A complaint's severity, `nil` for repairs.
    public var severity: String?
    /// A repair's priority, `nil` for complaints.
    public var priority: String?
    /// The estate (小区), when the report named one.
    public var estate: String?
    /// How many times the promised feedback date was postponed (0–2).
    public var postponements: Int
    /// How many times the case was reopened (rework, 返工).
    public var reopenings: Int
    /// The follow-up visit's satisfaction score 1–5, `nil` when nobody was asked yet.
    public var satisfaction: Int?
    /// Seconds from receipt to the first `accept`, `reply` or `resolve`, if there was one.
    public var firstResponseSeconds: Int?
    /// Seconds from receipt to the first `arrive`, if there was one.
    public var onSiteSeconds: Int?
    /// Seconds from receipt to the first `complete` or `resolve`, if there was one.
    public var completionSeconds: Int?
    /// How many `escalated` history steps the case has at each level (1–3).
    public var escalationsByLevel: [Int: Int]
    /// The outcome of each of the case's SLA timers, by timer kind.
    public var timers: [String: TimerOutcome]
    /// A complaint's assessment, `valid` or `invalid`; `nil` while not assessed (and for repairs).
    public var validity: String?
    /// The outside body a complaint involves (`water_company`…), if any.
    public var otherBody: String?
    /// Whether a repair was closed by `decline` (the resident refused a paid repair).
    public var declined: Bool
    /// Who pays for a repair (`paid`, `free`, `developer`, `unknown`), `nil` for complaints.
    public var responsibility: String?
    /// Where in the estate the problem is (building, unit, lift…), when the report said.
    public var location: String?
    /// The case's lifecycle state when the report runs (`dispatched`…`closed`); `nil` when unknown.
    public var state: String?

    /// Creates the facts of one case.
    public init(caseNumber: String = "", receivedAt: RFC3339Timestamp? = nil, kind: String, department: String, category: String, severity: String? = nil, priority: String? = nil,
                estate: String? = nil, postponements: Int = 0, reopenings: Int = 0, satisfaction: Int? = nil,
                firstResponseSeconds: Int? = nil, onSiteSeconds: Int? = nil, completionSeconds: Int? = nil,
                escalationsByLevel: [Int: Int] = [:], timers: [String: TimerOutcome] = [:],
                validity: String? = nil, otherBody: String? = nil, declined: Bool = false,
                responsibility: String? = nil, location: String? = nil, state: String? = nil) {
        self.caseNumber = caseNumber
        self.receivedAt = receivedAt
        self.kind = kind
        self.department = department
        self.category = category
        self.severity = severity
        self.priority = priority
        self.estate = estate
        self.postponements = postponements
        self.reopenings = reopenings
        self.satisfaction = satisfaction
        self.firstResponseSeconds = firstResponseSeconds
        self.onSiteSeconds = onSiteSeconds
        self.completionSeconds = completionSeconds
        self.escalationsByLevel = escalationsByLevel
        self.timers = timers
        self.validity = validity
        self.otherBody = otherBody
        self.declined = declined
        self.responsibility = responsibility
        self.location = location
        self.state = state
    }

    /// Whether the work was finished at least once (so it could be reworked).
    public var finished: Bool { completionSeconds != nil }

    /// When the work was first finished (`receivedAt` + `completionSeconds`), if known.
    public var finishedAt: Int64? {
        guard let receivedAt, let completionSeconds else { return nil }
        return receivedAt.secondsSinceEpoch + Int64(max(0, completionSeconds))
    }

    /// The case's on-time verdict: late if any timer is late; on time once every timer is on
    /// time; open while a timer is still running (or the case has no timer at all).
    public var outcome: TimerOutcome {
        let outcomes = timers.values
        if outcomes.contains(.late) { return .late }
        if !outcomes.isEmpty, outcomes.allSatisfy({ $0 == .onTime }) { return .onTime }
        return .open
    }
}

/// Whether one SLA timer of a case was met (docs/report.md, "On time").
public enum TimerOutcome: String, Sendable, Equatable {
    /// Stopped by its command no later than its deadline and never escalated.
    case onTime = "on_time"
    /// Escalated at least once, stopped after its deadline, or still running past its deadline.
    case late
    /// Still running with its deadline ahead: not yet due. In the denominator of the seed 004 rate
    /// (all cases), in neither count of the rate of decided cases.
    case open
}
