/// The complaint procedure's rules on top of the state table (seed 004 第4篇 5.2–5.6): who may
/// decide validity, and which decision must come before which.
///
/// Pure; `CaseLifecycle.apply` consults it after the state check, so a command out of order
/// still hears `invalid_for_state` first.
public enum ComplaintProcedure {
    /// The consoles that decide validity and verify corrective actions: customer service, the
    /// management office and leadership (seed 004 第4篇 5.2: 管理处管理人员).
    public static let deciders: Set<EventAudience> = [.customerService, .management, .leadership]

    /// Why `actor` may not give `action` on the case `current`, or `nil` when they may.
    public static func permission(for action: CaseAction, on current: CaseSnapshot, actor: CaseActor) -> CommandRejection? {
        switch action {
        case .resolve:
            guard current.kind == .complaint, let severity = current.severity,
                  let resolvers = HandlingLevel(severity).resolvers, !resolvers.contains(actor.audience) else { return nil }
            return CommandRejection(
                .notPermitted,
                "a \(severity.rawValue) complaint is resolved at manager level or above (management, leadership), not \(actor.audience.rawValue)")
        case .followUp where current.kind == .complaint && current.severity == .major:
            guard actor.audience != .quality else { return nil }
            return CommandRejection(
                .notPermitted, "a major complaint's final visit is made by quality management (quality), not \(actor.audience.rawValue)")
        case .assess, .verifyCorrection:
            guard !deciders.contains(actor.audience) else { return nil }
            return CommandRejection(
                .notPermitted,
                "\(action.rawName) is for customer service, the management office or leadership, not \(actor.audience.rawValue)")
        default:
            return nil
        }
    }

    /// Why the case's earlier decisions refuse `action`, or `nil` when they allow it.
    public static func precondition(for action: CaseAction, on current: CaseSnapshot) -> CommandRejection? {
        switch action {
        case .assess:
            guard let validity = current.validity else { return nil }
            return CommandRejection(.precondition, "the complaint was already assessed \(validity.rawValue)")
        case .analyse:
            if current.validity != .valid { return notValid(action) }
            return current.causeAnalysed ? CommandRejection(.precondition, "the cause was already analysed") : nil
        case .correct:
            if current.validity != .valid { return notValid(action) }
            if !current.causeAnalysed {
                return CommandRejection(.precondition, "record the cause analysis (analyse) before a corrective action")
            }
            return current.correctionOpen
                ? CommandRejection(.precondition, "a corrective action awaits verification; verify it first")
                : nil
        case .verifyCorrection:
            return current.correctionOpen ? nil : CommandRejection(.precondition, "no corrective action awaits verification")
        case .resolve where current.kind == .complaint && current.severity == .major && !current.meetingHeld:
            return CommandRejection(.precondition, "a major complaint is resolved after the office meeting (hold_meeting)")
        case .followUp(_, _, _, nil) where current.kind == .complaint && current.severity == .major:
            return CommandRejection(.invalidField, "a major complaint's final visit records the corrective report (corrective_report)")
        case .close where current.kind == .complaint && current.correctionOpen:
            return CommandRejection(.precondition, "a corrective action awaits verification; verify it before closing")
        default:
            return nil
        }
    }

    private static func notValid(_ action: CaseAction) -> CommandRejection {
        CommandRejection(.precondition, "\(action.rawName) applies to a complaint assessed valid")
    }
}
