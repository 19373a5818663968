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
        try decode(object: IntakeDecodingError.parseObject(bytes, maximumBytes: maximumMessageBytes))
    }

    /// Decodes from an already parsed JSON object.
    public static func decode(object: JSONValue) throws(IntakeDecodingError) -> IntakeMessage {
        let reader = ContractReader(object)
        var messageID: String?
        do {
            let id = try reader.string("message_id", maxLength: maximumMessageIDLength)!
            messageID = id
            let kind: Kind = try reader.enumeration("kind")!
            let text = try reader.string("text", maxLength: maximumTextLength)!
            let receivedAt = try reader.timestamp("received_at")!
            let channel: Channel = try reader.enumeration("channel")!
            let estate = try reader.string("estate", required: false, maxLength: 200)
            let resident = try resident(reader)
            let location = try reader.string("location", required: false, maxLength: 500)
            let hint = try reader.string("category_hint", required: false, maxLength: 100)
            let flags = try flags(reader)
            let times = try reader.integer("reported_times", range: 1...maximumReportedTimes, required: false)
            let promised = try reader.timestamp("promised_feedback_at", required: false)
            let attachments = try attachments(reader)
            let incidentAt = try incidentAt(reader, receivedAt: receivedAt)
            let about = try reader.string("complained_about", required: false, maxLength: maximumComplainedAboutLength)
            let request = try reader.string("resident_request", required: false, maxLength: maximumResidentRequestLength)
            let appointment = try appointmentAt(reader, kind: kind, receivedAt: receivedAt)
            return IntakeMessage(
                messageID: id, kind: kind, text: text, receivedAt: receivedAt, channel: channel,
                estate: estate, resident: resident, location: location, categoryHint: hint,
                flags: flags, reportedTimes: times, promisedFeedbackAt: promised, attachments: attachments,
                incidentAt: incidentAt, complainedAbout: about, residentRequest: request, appointmentAt: appointment
            )
        } catch {
            var failure = error
            failure.messageID = messageID ?? IntakeDecodingError.peekID("message_id", in: object, maximumLength: maximumMessageIDLength)
            throw failure
        }
    }

    /// `appointment_at`: repairs only, and not before `receivedAt`.
    private static func appointmentAt(_ reader: ContractReader, kind: Kind, receivedAt: RFC3339Timestamp) throws(IntakeDecodingError)
    -> RFC3339Timestamp? {
        guard let stamp = try reader.timestamp("appointment_at", required: false) else { return nil }
        guard kind == .repair else {
            throw IntakeDecodingError(field: "appointment_at", reason: .unknownValue, message: "only a repair has an appointment")
        }
        guard stamp.secondsSinceEpoch >= receivedAt.secondsSinceEpoch else {
            throw IntakeDecodingError(field: "appointment_at", reason: .outOfRange, message: "must not be before received_at")
        }
        return stamp
    }

    /// `incident_at`, which must not lie after `receivedAt` by more than `incidentAtTolerance`.
    private static func incidentAt(_ reader: ContractReader, receivedAt: RFC3339Timestamp) throws(IntakeDecodingError) -> RFC3339Timestamp? {
        guard let stamp = try reader.timestamp("incident_at", required: false) else { return nil }
        let tolerance = incidentAtTolerance
        let lead = stamp.secondsSinceEpoch - receivedAt.secondsSinceEpoch
        if lead > tolerance || (lead == tolerance && stamp.nanoseconds > receivedAt.nanoseconds) {
            throw IntakeDecodingError(field: "incident_at", reason: .outOfRange,
                                      message: "must not be later than received_at by more than \(tolerance / 60) minutes")
        }
        return stamp
    }

    private static func resident(_ reader: ContractReader) throws(IntakeDecodingError) -> Resident? {
        guard let resident = try reader.field("resident", required: false)?.object() else { return nil }
        return Resident(
            name: try resident.string("name", required: false, maxLength: 100),
            phone: try resident.string("phone", required: false, maxLength: 40),
            unit: try resident.string("unit", required: false, maxLength: 100)
        )
    }

    private static func flags(_ reader: ContractReader) throws(IntakeDecodingError) -> [Flag] {
        var flags: [Flag] = []
        for item in try reader.items("flags", required: false, nonEmpty: false) {
            let flag: Flag = try item.enumeration()
            guard !flags.contains(flag) else {
                throw IntakeDecodingError(field: item.path, reason: .duplicateValue, message: "flag is listed twice")
            }
            flags.append(flag)
        }
        return flags
    }

    private static func attachments(_ reader: ContractReader) throws(IntakeDecodingError) -> [String] {
        let items = try reader.items("attachments", required: false, nonEmpty: false)
        guard items.count <= maximumAttachments else {
            throw IntakeDecodingError(field: "attachments", reason: .tooLong, message: "must have at most \(maximumAttachments) items")
        }
        var urls: [String] = []
        for item in items {
            guard case .string(let url) = item.value else {
                throw item.failure(.wrongType(expected: .string, found: item.value.typeName))
            }
            guard url.utf8.count <= 2048 else {
                throw IntakeDecodingError(field: item.path, reason: .tooLong, message: "must be at most 2048 bytes")
            }
            guard isHTTPURL(url) else {
                throw IntakeDecodingError(field: item.path, reason: .invalidURL, message: "must be an absolute http or https URL")
            }
            urls.append(url)
        }
        return urls
    }

    /// `http://` or `https://` followed by a non-empty host and no whitespace or control characters.
    private static func isHTTPURL(_ url: String) -> Bool {
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
