/// One resident report as published by the hotline intake system (intake contract v1).
///
/// The JSON form is specified by `contracts/intake-v1.schema.json`; decode it with
/// `IntakeMessage.decode(from:)`, which reports the offending field and problem.
public struct IntakeMessage: Sendable, Equatable {
    /// Whether the report is a complaint (投诉) or a repair request (报修).
    public enum Kind: String, Sendable, CaseIterable {
        /// A complaint (投诉).
        case complaint
        /// A repair request (报修).
        case repair
    }

    /// How the report reached the company.
    public enum Channel: String, Sendable, CaseIterable {
        /// 客服热线.
        case hotline
        /// WeChat (微信) account or mini-program.
        case wechat
        /// The company's app.
        case app
        /// Email.
        case email
        /// In person at the front desk (前台).
        case walkIn = "walk_in"
        /// A letter.
        case letter
        /// Anything else.
        case other
    }

    /// Facts the call taker ticked at intake.
    public enum Flag: String, Sendable, CaseIterable {
        /// Someone was hurt.
        case injury
        /// Property was damaged (economic loss).
        case propertyDamage = "property_damage"
        /// The resident demands compensation (赔偿/补偿).
        case compensation
        /// The complaint is against the management office director (管理处主任).
        case againstDirector = "against_director"
        /// The resident has raised this before without result.
        case `repeat`
    }

    /// Who reported it; every part is optional and is personal data (never log it).
    public struct Resident: Sendable, Equatable {
        /// The resident's name.
        public var name: String?
        /// The resident's phone number.
        public var phone: String?
        /// The resident's unit (e.g. `3-2-1201`).
        public var unit: String?

        /// Creates a resident record.
        public init(name: String? = nil, phone: String? = nil, unit: String? = nil) {
            self.name = name
            self.phone = phone
            self.unit = unit
        }
    }

    /// The idempotency key: the same report re-sent has the same id.
    public var messageID: String
    /// Complaint or repair.
    public var kind: Kind
    /// What the resident said, 1–4,000 characters.
    public var text: String
    /// When the report was received, with the writer's UTC offset kept.
    public var receivedAt: RFC3339Timestamp
    /// How it arrived.
    public var channel: Channel
    /// The estate (小区) name.
    public var estate: String?
    /// Who reported it.
    public var resident: Resident?
    /// Where the problem is, in the call taker's words.
    public var location: String?
    /// The call taker's guess at the category (a category code or a name).
    public var categoryHint: String?
    /// Facts ticked at intake, without duplicates, in the order given.
    public var flags: [Flag]
    /// How many times the resident says they have reported it (≥ 1), if known.
    public var reportedTimes: Int?
    /// The feedback date promised to the resident at intake.
    public var promisedFeedbackAt: RFC3339Timestamp?
    /// Photo or recording URLs.
    public var attachments: [String]
    /// When the incident itself happened, as the resident tells it (never later than
    /// `receivedAt` by more than `incidentAtTolerance`).
    public var incidentAt: RFC3339Timestamp?
    /// The person or department complained about, in the call taker's words (e.g. "前台小王",
    /// "保安部"); it may name staff, so it counts when deciding who is accused (`AccusedStaff`).
    public var complainedAbout: String?
    /// What the resident asks for (e.g. "要求赔偿", "要求上门维修"); may hold personal data and is
    /// masked like `text` for accused audiences.
    public var residentRequest: String?
    /// The time the resident asked the technician to come (预约维修时间, repairs only; not before
    /// `receivedAt`): the on-site deadline, later moved by `appoint`.
    public var appointmentAt: RFC3339Timestamp?

    /// Creates a message; no validation is done here (use `decode(from:)` for untrusted input).
    public init(
        messageID: String, kind: Kind, text: String, receivedAt: RFC3339Timestamp, channel: Channel,
        estate: String? = nil, resident: Resident? = nil, location: String? = nil,
        categoryHint: String? = nil, flags: [Flag] = [], reportedTimes: Int? = nil,
        promisedFeedbackAt: RFC3339Timestamp? = nil, attachments: [String] = [],
        incidentAt: RFC3339Timestamp? = nil, complainedAbout: String? = nil, residentRequest: String? = nil,
        appointmentAt: RFC3339Timestamp? = nil
    ) {
        self.messageID = messageID
        self.kind = kind
        self.text = text
        self.receivedAt = receivedAt
        self.channel = channel
        self.estate = estate
        self.resident = resident
        self.location = location
        self.categoryHint = categoryHint
        self.flags = flags
        self.reportedTimes = reportedTimes
        self.promisedFeedbackAt = promisedFeedbackAt
        self.attachments = attachments
        self.incidentAt = incidentAt
        self.complainedAbout = complainedAbout
        self.residentRequest = residentRequest
        self.appointmentAt = appointmentAt
    }
}
