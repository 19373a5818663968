extension CaseAction {
    /// The command's own fields as the history and the events record them (`note`, `until`,
    /// `reason`, `satisfaction`, `department`, `category`, `validity`, `cause`, …); empty for commands without fields.
    ///
    /// An empty optional note is left out.
    public var details: [(key: String, value: JSONValue)] {
        switch self {
        case .accept, .arrive, .returnWorkOrder, .close:
            return []
        case .reply(let note), .resolve(let note):
            return [("note", .string(note))]
        case .complete(let note, let fee, let receipt):
            var details: [(key: String, value: JSONValue)] = note.isEmpty ? [] : [("note", .string(note))]
            if let fee { details.append(("fee", .string(PaidRepair.yuan(fee)))) }
            if let receipt { details.append(("receipt_number", .string(receipt))) }
            return details
        case .quote(let quote):
            return [("price", .string(quote.priceText)), ("materials", .string(quote.materials))]
        case .consent:
            return []
        case .setPriority(let priority, let reason):
            return [("priority", .string(priority.rawValue)), ("reason", .string(reason))]
        case .decline(let reason):
            return [("reason", .string(reason))]
        case .reviewDispute(let note):
            return [("note", .string(note))]
        case .plan(let plan):
            return [("summary", .string(plan.summary)), ("expected_completion", .string(plan.expectedCompletion.description))]
        case .approvePlan(let approver, let note):
            var details: [(key: String, value: JSONValue)] = [("approver", .string(approver.rawValue))]
            if !note.isEmpty { details.append(("note", .string(note))) }
            return details
        case .progress(let note, let percent):
            var details: [(key: String, value: JSONValue)] = [("note", .string(note))]
            if let percent { details.append(("percent_done", .number(Double(percent)))) }
            return details
        case .signOff(let result, let note):
            var details: [(key: String, value: JSONValue)] = [("result", .string(result.rawValue))]
            if !note.isEmpty { details.append(("note", .string(note))) }
            return details
        case .postpone(let until, let reason):
            return [("until", .string(until.description)), ("reason", .string(reason))]
        case .followUp(let satisfaction, let note, let visitedBy, let report):
            var details: [(key: String, value: JSONValue)] = [("satisfaction", .number(Double(satisfaction)))]
            if !note.isEmpty { details.append(("note", .string(note))) }
            if let visitedBy { details.append(("visited_by", .string(visitedBy))) }
            if let report { details.append(("corrective_report", .string(report))) }
            return details
        case .reopen(let reason):
            return [("reason", .string(reason))]
        case .reassign(let department, let category, let reason):
            var details: [(key: String, value: JSONValue)] = [("department", .string(department.rawValue))]
            if let category { details.append(("category", .string(category))) }
            details.append(("reason", .string(reason)))
            return details
        case .assess(let validity, let reason, let otherBody):
            var details: [(key: String, value: JSONValue)] = [("validity", .string(validity.rawValue)), ("reason", .string(reason))]
            if let otherBody { details.append(("other_body", .string(otherBody.rawValue))) }
            return details
        case .analyse(let cause):
            return [("cause", .string(cause))]
        case .correct(let correction):
            return [("action", .string(correction.action)), ("owner", .string(correction.owner)),
                    ("due", .string(correction.dueAt.description))]
        case .verifyCorrection(let verdict, let note):
            var details: [(key: String, value: JSONValue)] = [("verdict", .string(verdict.rawValue))]
            if !note.isEmpty { details.append(("note", .string(note))) }
            return details
        case .appoint(let at, let reason):
            var details: [(key: String, value: JSONValue)] = [("appointment_at", .string(at.description))]
            if let reason { details.append(("reason", .string(reason))) }
            return details
        case .holdMeeting(let note, let attendees):
            var details: [(key: String, value: JSONValue)] = [("note", .string(note))]
            if let attendees { details.append(("attendees", .string(attendees))) }
            return details
        case .informResident(let note, let eta):
            var details: [(key: String, value: JSONValue)] = [("note", .string(note))]
            if let eta { details.append(("eta", .string(eta.description))) }
            return details
        }
    }
}
