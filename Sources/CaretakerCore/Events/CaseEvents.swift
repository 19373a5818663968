/// Builds the events a case change produces, one per audience that must hear of it.
///
/// Pure: ids come from `makeID` and times from the caller, so the same inputs give the same
/// events. Every event carries the case's routing facts and what the handler needs to act
/// (text, location, unit, contact, and the record fields `incident_at`, `complained_about`,
/// `resident_request`). Privacy (seed 001 一.2(4), DOMAIN.md): an event for an audience whose own
/// staff the complaint is about (`CaseRecord.accused`) never carries the contact, and its text and
/// `resident_request` have names and phone numbers masked (`PersonalData.maskText`); so does
/// the `case.reassigned` notice to a department the case has just left.
public enum CaseEvents {
    /// `case.created` for the department, customer service and every `notify` audience.
    public static func created(_ record: CaseRecord, at time: RFC3339Timestamp, makeID: () -> String) -> [CaseEvent] {
        record.audiences.map { audience in
            event(.created, for: audience, record: record, at: time, id: makeID(), change: nil)
        }
    }

    /// The event for an accepted command: `case.updated`, or `case.reassigned` (which the old
    /// department hears of too, without the contact: it no longer handles the case).
    public static func transition(
        _ transition: CaseTransition, record: CaseRecord, previousDepartment: Department,
        actor: CaseActor, details: [(key: String, value: JSONValue)],
        at time: RFC3339Timestamp, makeID: () -> String
    ) -> [CaseEvent] {
        var audiences = Set(record.audiences)
        if transition.event == .reassigned { audiences.insert(EventAudience(previousDepartment)) }
        let type: CaseEventType = transition.event == .reassigned ? .reassigned : .updated
        var change: [(key: String, value: JSONValue)] = [
            ("step", .string(transition.step)),
            ("from_state", .string(transition.from.rawValue)),
            ("actor", actor.json),
        ]
        if transition.event == .reassigned {
            change.append(("from_department", .string(previousDepartment.rawValue)))
        }
        change.append(contentsOf: details)
        let current = Set(record.audiences)
        return audiences.sorted().map { audience in
            event(type, for: audience, record: record, at: time, id: makeID(), change: .object(change),
                  withheld: record.withholdsContact(from: audience) || !current.contains(audience))
        }
    }

    /// What every rejection tells the console about sending again: the command id is spent.
    public static let resendAdvice =
        "command_id is now used: a resend with the same command_id is ignored as a duplicate; send the corrected command with a new command_id"

    /// `command.rejected` for the console that sent the command, with the reason and how to resend.
    public static func rejected(
        commandID: String?, command: String, record: CaseRecord?, audience: EventAudience,
        reason: String, field: String?, message: String, at time: RFC3339Timestamp, makeID: () -> String
    ) -> CaseEvent {
        let id = makeID()
        var members = header(id: id, type: .commandRejected, audience: audience, at: time)
        if let record { members.append(contentsOf: facts(of: record)) }
        members.append(("rejection", .object([
            ("command_id", commandID.map(JSONValue.string) ?? .null),
            ("command", .string(command)),
            ("reason", .string(reason)),
            ("field", field.map(JSONValue.string) ?? .null),
            ("message", .string(message)),
            ("resend", .string(resendAdvice)),
        ])))
        return CaseEvent(eventID: id, type: .commandRejected, audience: audience, caseID: record?.caseID,
                         correlationID: record?.correlationID, payload: .object(members))
    }

    /// One event of `type` about `record` for `audience`, with an optional `change` object;
    /// without the contact and with the text masked when `audience` is accused.
    public static func event(
        _ type: CaseEventType, for audience: EventAudience, record: CaseRecord,
        at time: RFC3339Timestamp, id: String, change: JSONValue?
    ) -> CaseEvent {
        event(type, for: audience, record: record, at: time, id: id, change: change,
              withheld: record.withholdsContact(from: audience))
    }

    private static func event(
        _ type: CaseEventType, for audience: EventAudience, record: CaseRecord,
        at time: RFC3339Timestamp, id: String, change: JSONValue?, withheld: Bool
    ) -> CaseEvent {
        var members = header(id: id, type: type, audience: audience, at: time)
        members.append(contentsOf: facts(of: record))
        members.append(contentsOf: report(of: record, withheld: withheld))
        if let change { members.append(("change", change)) }
        return CaseEvent(eventID: id, type: type, audience: audience, caseID: record.caseID,
                         correlationID: record.correlationID, payload: .object(members))
    }

    private static func header(id: String, type: CaseEventType, audience: EventAudience,
                               at time: RFC3339Timestamp) -> [(key: String, value: JSONValue)] {
        [
            ("event_id", .string(id)),
            ("event_type", .string(type.rawValue)),
            ("audience", .string(audience.rawValue)),
            ("occurred_at", .string(time.description)),
        ]
    }

    private static func facts(of record: CaseRecord) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("case_id", .string(record.caseID)),
            ("case_number", .string(record.caseNumber)),
            ("correlation_id", .string(record.correlationID)),
            ("kind", .string(record.kind.rawValue)),
            ("department", .string(record.department.rawValue)),
            ("category", .string(record.category)),
            ("secondary_categories", .array(record.secondaryCategories.map(JSONValue.string))),
        ]
        if let severity = record.severity {
            members.append(("severity", .string(severity.rawValue)))
            members.append(("handling_level", .string(HandlingLevel(severity).rawValue)))
        }
        if let validity = record.validity { members.append(("validity", .string(validity.rawValue))) }
        if let priority = record.priority { members.append(("priority", .string(priority.rawValue))) }
        if let responsibility = record.responsibility {
            members.append(("responsibility", .string(responsibility.rawValue)))
        }
        members.append(contentsOf: [
            ("notify", .array(record.notify.map { .string($0.rawValue) })),
            ("needs_triage", .bool(record.needsTriage)),
            ("state", .string(record.state.rawValue)),
            ("escalation_level", .number(Double(record.escalationLevel))),
            ("postponements", .number(Double(record.postponements))),
            ("rules_version", .string(record.rulesVersion)),
        ])
        if let modelVersion = record.modelVersion { members.append(("model_version", .string(modelVersion))) }
        return members
    }

    private static func report(of record: CaseRecord, withheld: Bool) -> [(key: String, value: JSONValue)] {
        let report = record.report
        var contact: JSONValue = .null
        if !withheld, let resident = report.resident {
            contact = .object([
                ("name", resident.name.map(JSONValue.string) ?? .null),
                ("phone", resident.phone.map(JSONValue.string) ?? .null),
                ("unit", resident.unit.map(JSONValue.string) ?? .null),
            ])
        }
        return [
            ("channel", .string(report.channel.rawValue)),
            ("received_at", .string(report.receivedAt.description)),
            ("promised_feedback_at", report.promisedFeedbackAt.map { .string($0.description) } ?? .null),
            ("estate", report.estate.map(JSONValue.string) ?? .null),
            ("location", report.location.map(JSONValue.string) ?? .null),
            ("text", .string(withheld ? PersonalData.maskText(report.text, resident: report.resident) : report.text)),
            ("incident_at", report.incidentAt.map { .string($0.description) } ?? .null),
            ("appointment_at", report.appointmentAt.map { .string($0.description) } ?? .null),
            ("complained_about", report.complainedAbout.map(JSONValue.string) ?? .null),
            ("resident_request", report.residentRequest.map {
                .string(withheld ? PersonalData.maskText($0, resident: report.resident) : $0)
            } ?? .null),
            ("attachments", .array(report.attachments.map(JSONValue.string))),
            ("contact", contact),
            ("contact_withheld", .bool(withheld)),
        ]
    }
}
