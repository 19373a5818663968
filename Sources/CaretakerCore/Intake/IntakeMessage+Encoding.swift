extension IntakeMessage {
    /// The message in its contract v1 JSON form (optional fields only when present).
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("message_id", .string(messageID)),
            ("kind", .string(kind.rawValue)),
            ("text", .string(text)),
            ("received_at", .string(receivedAt.description)),
            ("channel", .string(channel.rawValue)),
        ]
        if let estate { members.append(("estate", .string(estate))) }
        if let resident {
            var person: [(key: String, value: JSONValue)] = []
            if let name = resident.name { person.append(("name", .string(name))) }
            if let phone = resident.phone { person.append(("phone", .string(phone))) }
            if let unit = resident.unit { person.append(("unit", .string(unit))) }
            members.append(("resident", .object(person)))
        }
        if let location { members.append(("location", .string(location))) }
        if let categoryHint { members.append(("category_hint", .string(categoryHint))) }
        if !flags.isEmpty { members.append(("flags", .array(flags.map { .string($0.rawValue) }))) }
        if let reportedTimes { members.append(("reported_times", .number(Double(reportedTimes)))) }
        if let promisedFeedbackAt { members.append(("promised_feedback_at", .string(promisedFeedbackAt.description))) }
        if !attachments.isEmpty { members.append(("attachments", .array(attachments.map(JSONValue.string)))) }
        if let incidentAt { members.append(("incident_at", .string(incidentAt.description))) }
        if let complainedAbout { members.append(("complained_about", .string(complainedAbout))) }
        if let residentRequest { members.append(("resident_request", .string(residentRequest))) }
        if let appointmentAt { members.append(("appointment_at", .string(appointmentAt.description))) }
        return .object(members)
    }
}
