/// Who may do what: the broker users that are parties, and which consoles may give which
/// command on which cases (`config/authorization.json`, docs in the README's "Parties").
///
/// Pure. The worker asks ``identify(userID:audience:)`` for every command and intake message
/// (the broker has already checked `user_id` against the login) and ``authorize(_:by:on:)`` for
/// every command that names a case. A command the file does not list is refused: new commands
/// are added to the file, never allowed by default.
public struct AuthorizationPolicy: Sendable, Equatable {
    /// The parties by broker user.
    public var parties: [String: Party]
    /// The grants by command name.
    public var actions: [CaseAction.Name: [ActionGrant]]
    /// The commands a console may still give on a complaint about its own staff's conduct.
    public var accusedStaffMay: Set<CaseAction.Name>

    /// Creates a policy; no validation is done here (use `parse(_:)` for a file's bytes).
    public init(parties: [Party], actions: [CaseAction.Name: [ActionGrant]], accusedStaffMay: Set<CaseAction.Name> = []) {
        self.parties = Dictionary(parties.map { ($0.user, $0) }, uniquingKeysWith: { first, _ in first })
        self.actions = actions
        self.accusedStaffMay = accusedStaffMay
    }

    /// The party that logs in as `user`, or `nil` for a user the policy does not know.
    public func party(user: String?) -> Party? {
        guard let user else { return nil }
        return parties[user]
    }

    /// Why a message with this `user_id` may not be taken as sent by a party of `role`
    /// (claiming `audience` for a command), or `nil` when it may.
    ///
    /// Every refusal is `not_authenticated`: a missing or unknown `user_id`, a party of another
    /// role, or a console naming another audience than its own in `actor.audience`.
    public func identify(userID: String?, role: Party.Role, audience: EventAudience? = nil) -> CommandRejection? {
        guard let userID, !userID.isEmpty else {
            return CommandRejection(.notAuthenticated, "the message has no user_id; publishers set it to their broker user")
        }
        guard let party = parties[userID] else {
            return CommandRejection(.notAuthenticated, "user_id is not a known party (config/authorization.json)")
        }
        guard party.role == role else {
            return CommandRejection(.notAuthenticated, "a \(party.role.rawValue) party does not send \(role == .hotline ? "reports" : "commands")")
        }
        if let audience, party.audience != audience {
            return CommandRejection(
                .notAuthenticated,
                "actor.audience \(audience.rawValue) is not the sending console's (\(party.audience?.rawValue ?? "none"))")
        }
        return nil
    }

    /// Why `audience`'s console may not give `command` on `target`, or `nil` when it may.
    public func authorize(_ command: CaseAction.Name, by audience: EventAudience, on target: AuthorizationTarget) -> CommandRejection? {
        let grants = actions[command] ?? []
        guard grants.contains(where: { $0.allows(audience, on: target) }) else {
            return CommandRejection(.notAuthorized, "\(audience.rawValue) may not \(command.rawValue) this case (config/authorization.json)")
        }
        if target.accused.contains(audience), !accusedStaffMay.contains(command) {
            return CommandRejection(
                .notAuthorized, "\(audience.rawValue) may not \(command.rawValue) a complaint about its own staff's conduct")
        }
        return nil
    }
}
