extension CaseAction {
    /// The command's own fields as the history and the events record them (`note`, `until`,
    /// `reason`, `satisfaction`, `department`, `category`); empty for commands without fields.
    ///
    /// An empty optional note is left out.
    public var details: [(key: String, value: JSONValue)] {
        switch self {
        case .accept, .arrive, .returnWorkOrder, .close:
            return []
        case .reply(let note), .resolve(let note):
            return [("note", .string(note))]
        case .complete(let note):
            return note.isEmpty ? [] : [("note", .string(note))]
        case .postpone(let until, let reason):
            return [("until", .string(until.description)), ("reason", .string(reason))]
        case .followUp(let satisfaction, let note):
            var details: [(key: String, value: JSONValue)] = [("satisfaction", .number(Double(satisfaction)))]
            if !note.isEmpty { details.append(("note", .string(note))) }
            return details
        case .reopen(let reason):
            return [("reason", .string(reason))]
        case .reassign(let department, let category, let reason):
            var details: [(key: String, value: JSONValue)] = [("department", .string(department.rawValue))]
            if let category { details.append(("category", .string(category))) }
            details.append(("reason", .string(reason)))
            return details
        }
    }
}
