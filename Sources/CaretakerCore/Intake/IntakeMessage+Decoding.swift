extension IntakeMessage {
    /// The largest encoded message accepted, in bytes (64 KiB).
    public static let maximumMessageBytes = 65_536
    /// The longest `text`, in Unicode scalars.
    public static let maximumTextLength = 4_000
    /// The longest `message_id`, in Unicode scalars.
    public static let maximumMessageIDLength = 128
    /// The most attachments a message may carry.
    public static let maximumAttachments = 20
    /// The largest `reported_times` accepted.
    public static let maximumReportedTimes = 1_000
    /// The longest `complained_about`, in Unicode scalars.
    public static let maximumComplainedAboutLength = 200
    /// The longest `resident_request`, in Unicode scalars.
    public static let maximumResidentRequestLength = 1_000
    /// How far `incident_at` may lie after `received_at`, in seconds (5 minutes).
    ///
    /// An incident cannot happen after it was reported; the small allowance absorbs clock skew
    /// between the call taker's device and the intake system. Anything later is a mistyped day
    /// or offset, which the sender must correct, so the message is dead-lettered.
    public static let incidentAtTolerance: Int64 = 300

    /// Decodes one intake message from its UTF-8 JSON bytes, enforcing contract v1.
    ///
    /// Unknown fields are ignored. The first problem found is thrown, naming the field and the
    /// reason; required fields are checked in the order of the contract.
    public static func decode<Bytes: Collection>(from bytes: Bytes) throws(IntakeDecodingError) -> IntakeMessage
    where Bytes.Element == UInt8 {
        try decode(object: FieldReader.parseObject(bytes, maximumBytes: maximumMessageBytes))
    }

    /// Decodes from an already parsed JSON object.
    public static func decode(object: JSONValue) throws(IntakeDecodingError) -> IntakeMessage {
        var reader = FieldReader(object: object)
        do {
            let id = try reader.string("message_id", required: true, maxLength: maximumMessageIDLength)!
            reader.messageID = id
            let kind: Kind = try reader.enumeration("kind")
            let text = try reader.string("text", required: true, maxLength: maximumTextLength)!
            let receivedAt = try reader.timestamp("received_at", required: true)!
            let channel: Channel = try reader.enumeration("channel")
            let estate = try reader.string("estate", maxLength: 200)
            let resident = try reader.resident()
            let location = try reader.string("location", maxLength: 500)
            let hint = try reader.string("category_hint", maxLength: 100)
            let flags = try reader.flags()
            let times = try reader.integer("reported_times", range: 1...maximumReportedTimes)
            let promised = try reader.timestamp("promised_feedback_at", required: false)
            let attachments = try reader.attachments()
            let incidentAt = try reader.incidentAt(receivedAt: receivedAt)
            let about = try reader.string("complained_about", maxLength: maximumComplainedAboutLength)
            let request = try reader.string("resident_request", maxLength: maximumResidentRequestLength)
            let appointment = try reader.appointmentAt(kind: kind, receivedAt: receivedAt)
            return IntakeMessage(
                messageID: id, kind: kind, text: text, receivedAt: receivedAt, channel: channel,
                estate: estate, resident: resident, location: location, categoryHint: hint,
                flags: flags, reportedTimes: times, promisedFeedbackAt: promised, attachments: attachments,
                incidentAt: incidentAt, complainedAbout: about, residentRequest: request, appointmentAt: appointment
            )
        } catch {
            var failure = error
            failure.messageID = reader.messageID ?? reader.peekMessageID()
            throw failure
        }
    }
}

/// Reads typed fields out of a JSON object, producing `IntakeDecodingError`s with field paths.
struct FieldReader {
    let object: JSONValue
    var messageID: String?

    init(object: JSONValue) {
        self.object = object
    }

    /// The message id if it is a plausible string, for error reports about other fields.
    func peekMessageID() -> String? {
        guard case .string(let id)? = object["message_id"], !id.isEmpty,
              id.unicodeScalars.count <= IntakeMessage.maximumMessageIDLength else { return nil }
        return id
    }

    /// Parses a whole message that must be one JSON object of at most `maximumBytes` bytes.
    static func parseObject<Bytes: Collection>(_ bytes: Bytes, maximumBytes: Int) throws(IntakeDecodingError) -> JSONValue
    where Bytes.Element == UInt8 {
        guard bytes.count <= maximumBytes else {
            throw IntakeDecodingError(field: "", reason: .messageTooLarge,
                                      message: "message is larger than \(maximumBytes) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            switch error.kind {
            case .invalidUTF8:
                throw IntakeDecodingError(field: "", reason: .invalidUTF8, message: error.description)
            case .duplicateKey:
                throw IntakeDecodingError(field: error.key, reason: .duplicateField, message: "field appears more than once")
            case .syntax, .tooDeep:
                throw IntakeDecodingError(field: "", reason: .notJSON, message: error.description)
            }
        }
        guard case .object = value else {
            throw IntakeDecodingError(field: "", reason: .notObject, message: "message must be a JSON object, not \(value.typeName)")
        }
        return value
    }

    func fail(_ field: String, _ reason: IntakeDecodingError.Reason, _ message: String) -> IntakeDecodingError {
        IntakeDecodingError(field: field, reason: reason, message: message)
    }

    func string(_ field: String, required: Bool = false, maxLength: Int, in container: JSONValue? = nil, path: String? = nil) throws(IntakeDecodingError) -> String? {
        let name = path ?? field
        guard let value = (container ?? object)[field] else {
            if required { throw fail(name, .missing, "required field is missing") }
            return nil
        }
        guard case .string(let text) = value else {
            throw fail(name, .wrongType, "must be a string, not \(value.typeName)")
        }
        let length = text.unicodeScalars.count
        if length == 0 { throw fail(name, .empty, "must not be empty") }
        if length > maxLength { throw fail(name, .tooLong, "must be at most \(maxLength) characters, got \(length)") }
        return text
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ field: String, in container: JSONValue? = nil, path: String? = nil) throws(IntakeDecodingError) -> E where E.RawValue == String {
        let name = path ?? field
        guard let value = (container ?? object)[field] else { throw fail(name, .missing, "required field is missing") }
        guard case .string(let raw) = value else { throw fail(name, .wrongType, "must be a string, not \(value.typeName)") }
        guard let parsed = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(name, .unknownValue, "must be one of: \(allowed)")
        }
        return parsed
    }

    func timestamp(_ field: String, required: Bool) throws(IntakeDecodingError) -> RFC3339Timestamp? {
        guard let value = object[field] else {
            if required { throw fail(field, .missing, "required field is missing") }
            return nil
        }
        guard case .string(let text) = value else { throw fail(field, .wrongType, "must be a string, not \(value.typeName)") }
        guard let stamp = RFC3339Timestamp(text) else {
            throw fail(field, .invalidTimestamp, "must be an RFC 3339 date-time with an offset, e.g. 2026-03-02T09:15:00+08:00")
        }
        return stamp
    }

    /// `appointment_at`: repairs only, and not before `receivedAt`.
    func appointmentAt(kind: IntakeMessage.Kind, receivedAt: RFC3339Timestamp) throws(IntakeDecodingError) -> RFC3339Timestamp? {
        guard let stamp = try timestamp("appointment_at", required: false) else { return nil }
        guard kind == .repair else { throw fail("appointment_at", .unknownValue, "only a repair has an appointment") }
        guard stamp.secondsSinceEpoch >= receivedAt.secondsSinceEpoch else {
            throw fail("appointment_at", .outOfRange, "must not be before received_at")
        }
        return stamp
    }

    /// `incident_at`, which must not lie after `receivedAt` by more than `incidentAtTolerance`.
    func incidentAt(receivedAt: RFC3339Timestamp) throws(IntakeDecodingError) -> RFC3339Timestamp? {
        guard let stamp = try timestamp("incident_at", required: false) else { return nil }
        let tolerance = IntakeMessage.incidentAtTolerance
        let lead = stamp.secondsSinceEpoch - receivedAt.secondsSinceEpoch
        if lead > tolerance || (lead == tolerance && stamp.nanoseconds > receivedAt.nanoseconds) {
            throw fail("incident_at", .outOfRange,
                       "must not be later than received_at by more than \(tolerance / 60) minutes")
        }
        return stamp
    }

    func integer(_ field: String, required: Bool = false, range: ClosedRange<Int>) throws(IntakeDecodingError) -> Int? {
        guard let value = object[field] else {
            if required { throw fail(field, .missing, "required field is missing") }
            return nil
        }
        guard case .number(let number) = value else { throw fail(field, .wrongType, "must be an integer, not \(value.typeName)") }
        guard number.rounded() == number, number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw fail(field, .outOfRange, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(number)
    }

    func resident() throws(IntakeDecodingError) -> IntakeMessage.Resident? {
        guard let value = object["resident"] else { return nil }
        guard case .object = value else { throw fail("resident", .wrongType, "must be an object, not \(value.typeName)") }
        return IntakeMessage.Resident(
            name: try string("name", maxLength: 100, in: value, path: "resident.name"),
            phone: try string("phone", maxLength: 40, in: value, path: "resident.phone"),
            unit: try string("unit", maxLength: 100, in: value, path: "resident.unit")
        )
    }

    func flags() throws(IntakeDecodingError) -> [IntakeMessage.Flag] {
        guard let value = object["flags"] else { return [] }
        guard case .array(let items) = value else { throw fail("flags", .wrongType, "must be an array, not \(value.typeName)") }
        var flags: [IntakeMessage.Flag] = []
        for (index, item) in items.enumerated() {
            let path = "flags[\(index)]"
            guard case .string(let raw) = item else { throw fail(path, .wrongType, "must be a string, not \(item.typeName)") }
            guard let flag = IntakeMessage.Flag(rawValue: raw) else {
                let allowed = IntakeMessage.Flag.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(path, .unknownValue, "must be one of: \(allowed)")
            }
            guard !flags.contains(flag) else { throw fail(path, .duplicateValue, "flag is listed twice") }
            flags.append(flag)
        }
        return flags
    }

    func attachments() throws(IntakeDecodingError) -> [String] {
        guard let value = object["attachments"] else { return [] }
        guard case .array(let items) = value else { throw fail("attachments", .wrongType, "must be an array, not \(value.typeName)") }
        guard items.count <= IntakeMessage.maximumAttachments else {
            throw fail("attachments", .tooLong, "must have at most \(IntakeMessage.maximumAttachments) items")
        }
        var urls: [String] = []
        for (index, item) in items.enumerated() {
            let path = "attachments[\(index)]"
            guard case .string(let url) = item else { throw fail(path, .wrongType, "must be a string, not \(item.typeName)") }
            guard url.utf8.count <= 2048 else { throw fail(path, .tooLong, "must be at most 2048 bytes") }
            guard FieldReader.isHTTPURL(url) else { throw fail(path, .invalidURL, "must be an absolute http or https URL") }
            urls.append(url)
        }
        return urls
    }

    /// `http://` or `https://` followed by a non-empty host and no whitespace or control characters.
    static func isHTTPURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/", first != "?", first != "#" else { return false }
        return !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }
}
