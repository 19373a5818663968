extension AuthorizationPolicy {
    /// The file format version this build reads.
    public static let formatVersion = 1

    /// Parses and validates an authorization file.
    ///
    /// Checked: `version`; every party's `user` (unique, non-empty), `role`, and `audience`
    /// (required for a console or an observer, refused otherwise, not `resident`); every action name is a known
    /// command; every grant's `audiences` and `cases`; every name in `accused_staff_may`.
    /// - Throws: ``AuthorizationPolicyError`` naming the first field at fault.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(AuthorizationPolicyError) -> AuthorizationPolicy
    where Bytes.Element == UInt8 {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw AuthorizationPolicyError(field: "", message: "not valid JSON: \(error)")
        }
        guard let members = root.objectMembers else { throw AuthorizationPolicyError(field: "", message: "must be an object") }
        let object = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard case .number(let version)? = object["version"], version == Double(formatVersion) else {
            throw AuthorizationPolicyError(field: "version", message: "must be \(formatVersion)")
        }
        let parties = try parseParties(object["parties"])
        guard let actionMembers = object["actions"]?.objectMembers else {
            throw AuthorizationPolicyError(field: "actions", message: "must be an object of command name to grants")
        }
        var actions: [CaseAction.Name: [ActionGrant]] = [:]
        for (key, value) in actionMembers {
            let field = "actions.\(key)"
            guard let name = CaseAction.Name(rawValue: key) else {
                throw AuthorizationPolicyError(field: field, message: "not a command (one of: \(CaseAction.allRawNames.joined(separator: ", ")))")
            }
            guard case .array(let grants) = value else { throw AuthorizationPolicyError(field: field, message: "must be an array of grants") }
            actions[name] = try grants.enumerated().map { index, grant throws(AuthorizationPolicyError) in
                try parseGrant(grant, field: "\(field)[\(index)]")
            }
        }
        let accused = try strings(object["accused_staff_may"] ?? .array([]), field: "accused_staff_may")
        var accusedStaffMay: Set<CaseAction.Name> = []
        for (index, key) in accused.enumerated() {
            guard let name = CaseAction.Name(rawValue: key) else {
                throw AuthorizationPolicyError(field: "accused_staff_may[\(index)]", message: "not a command")
            }
            accusedStaffMay.insert(name)
        }
        return AuthorizationPolicy(parties: parties, actions: actions, accusedStaffMay: accusedStaffMay)
    }

    private static func parseParties(_ value: JSONValue?) throws(AuthorizationPolicyError) -> [Party] {
        guard case .array(let list)? = value, !list.isEmpty else {
            throw AuthorizationPolicyError(field: "parties", message: "must be a non-empty array")
        }
        var parties: [Party] = []
        var seen: Set<String> = []
        for (index, item) in list.enumerated() {
            let field = "parties[\(index)]"
            guard let members = item.objectMembers else { throw AuthorizationPolicyError(field: field, message: "must be an object") }
            let object = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard case .string(let user)? = object["user"], !user.isEmpty, user.count <= 128 else {
                throw AuthorizationPolicyError(field: "\(field).user", message: "must be a broker user name (1-128 characters)")
            }
            guard seen.insert(user).inserted else {
                throw AuthorizationPolicyError(field: "\(field).user", message: "names the same user as an earlier party")
            }
            guard case .string(let roleName)? = object["role"], let role = Party.Role(rawValue: roleName) else {
                throw AuthorizationPolicyError(
                    field: "\(field).role", message: "must be one of: \(Party.Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var audience: EventAudience?
            if let value = object["audience"] {
                guard case .string(let name) = value, let parsed = EventAudience(rawValue: name), parsed != .resident else {
                    throw AuthorizationPolicyError(field: "\(field).audience", message: "must be a console audience (not resident)")
                }
                audience = parsed
            }
            let needsAudience = role == .console || role == .observer
            if needsAudience != (audience != nil) {
                throw AuthorizationPolicyError(
                    field: "\(field).audience",
                    message: needsAudience ? "a \(role.rawValue) needs its audience" : "only a console or an observer has an audience")
            }
            parties.append(Party(user: user, role: role, audience: audience))
        }
        return parties
    }

    private static func parseGrant(_ value: JSONValue, field: String) throws(AuthorizationPolicyError) -> ActionGrant {
        guard let members = value.objectMembers else { throw AuthorizationPolicyError(field: field, message: "must be an object") }
        let object = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let names = try strings(object["audiences"] ?? .null, field: "\(field).audiences")
        guard !names.isEmpty else { throw AuthorizationPolicyError(field: "\(field).audiences", message: "must name at least one audience") }
        var audiences: Set<EventAudience> = []
        for (index, name) in names.enumerated() {
            guard let audience = EventAudience(rawValue: name), audience != .resident else {
                throw AuthorizationPolicyError(field: "\(field).audiences[\(index)]", message: "not a console audience")
            }
            audiences.insert(audience)
        }
        guard case .string(let casesName)? = object["cases"], let cases = ActionGrant.Cases(rawValue: casesName) else {
            throw AuthorizationPolicyError(
                field: "\(field).cases", message: "must be one of: \(ActionGrant.Cases.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ActionGrant(audiences: audiences, cases: cases)
    }

    private static func strings(_ value: JSONValue, field: String) throws(AuthorizationPolicyError) -> [String] {
        guard case .array(let items) = value else { throw AuthorizationPolicyError(field: field, message: "must be an array of strings") }
        return try items.enumerated().map { index, item throws(AuthorizationPolicyError) in
            guard case .string(let text) = item else {
                throw AuthorizationPolicyError(field: "\(field)[\(index)]", message: "must be a string")
            }
            return text
        }
    }
}

private extension JSONValue {
    /// The members when this is an object, else `nil`.
    var objectMembers: [(key: String, value: JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        return members
    }
}
