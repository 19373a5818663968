/// Where a case stands in its lifecycle (DOMAIN.md, "Lifecycle of a case").
///
/// Repairs: dispatched → accepted → on site → completed → work order returned → followed up →
/// closed. Complaints: received → accepted → acknowledged (first reply) → resolved → followed up →
/// closed. A review (复核) or rework reopens a case.
public enum CaseState: String, Sendable, CaseIterable, Codable {
    /// A complaint is registered and waits for its department (complaints only).
    case received
    /// A repair's work order went to the department (repairs start here: routing dispatches).
    case dispatched
    /// The handler took the case on.
    case accepted
    /// The first reply reached the resident (complaints only).
    case acknowledged
    /// The technician is on site (repairs only).
    case onSite = "on_site"
    /// The repair work is done (repairs only).
    case completed
    /// The completed work order went back to customer service (repairs only).
    case workOrderReturned = "work_order_returned"
    /// The complaint was dealt with and the result told to the resident (complaints only).
    case resolved
    /// The follow-up visit (回访) took place and recorded satisfaction.
    case followedUp = "followed_up"
    /// Archived (归档); only a review can reopen it.
    case closed

    /// Whether the case still needs work (every state but `closed`).
    public var isOpen: Bool { self != .closed }

    /// The state a new case of `kind` starts in.
    public static func initial(for kind: IntakeMessage.Kind) -> CaseState {
        switch kind {
        case .complaint: .received
        case .repair: .dispatched
        }
    }
}
