/// Who did something to a case: a person at a console, or Caretaker itself.
public struct CaseActor: Sendable, Equatable {
    /// The person's id in the company's staff directory.
    public var id: String
    /// The person's name, shown in the history.
    public var name: String?
    /// The person's role (e.g. `technician`, `supervisor`).
    public var role: String?
    /// The console the person works at; refusals go back to it.
    public var audience: EventAudience

    /// Creates an actor.
    public init(id: String, name: String? = nil, role: String? = nil, audience: EventAudience) {
        self.id = id
        self.name = name
        self.role = role
        self.audience = audience
    }

    /// Caretaker's own worker, recorded for steps no person took (creation, escalation).
    public static let system = CaseActor(id: "caretaker", name: "Caretaker", role: "system", audience: .customerService)

    /// The actor as a JSON object.
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("name", name.map(JSONValue.string) ?? .null),
            ("role", role.map(JSONValue.string) ?? .null),
            ("audience", .string(audience.rawValue)),
        ])
    }
}
