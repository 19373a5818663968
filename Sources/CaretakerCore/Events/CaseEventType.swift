/// The kinds of event Caretaker publishes on `caretaker.events` (the second part of the routing key).
public enum CaseEventType: String, Sendable, CaseIterable, Codable {
    /// A new case was registered and routed.
    case created = "case.created"
    /// The case moved on or one of its dates changed.
    case updated = "case.updated"
    /// The case went to another department.
    case reassigned = "case.reassigned"
    /// A deadline is near (sent at a share of the budget).
    case reminder = "case.reminder"
    /// A deadline passed and the case moved up the ladder.
    case escalated = "case.escalated"
    /// A console command was refused; sent to the actor's audience only.
    case commandRejected = "command.rejected"
    /// For the resident: the case was registered, who handles it and the time limit.
    case noticeReceived = "notice.received"
    /// For the resident: a new feedback date, or an expected completion date was given.
    case noticeScheduled = "notice.scheduled"
    /// For the resident: what they were told (an explanation, the situation).
    case noticeInformed = "notice.informed"
    /// For the resident: the complaint was dealt with, or the repair completed.
    case noticeResolved = "notice.resolved"
    /// For the resident: the follow-up visit was recorded; thanks.
    case noticeFollowedUp = "notice.followed_up"
    /// For the developer: a work-contact note (工作联系单) about a building-quality defect under
    /// the developer's warranty.
    case contactNoteIssued = "contact_note.issued"
}
