/// One message for one audience on `caretaker.events`, ready for the outbox.
public struct CaseEvent: Sendable, Equatable {
    /// The event's id, also the AMQP `message_id`.
    public var eventID: String
    /// What happened.
    public var type: CaseEventType
    /// Who it is for.
    public var audience: EventAudience
    /// The case it is about, when known.
    public var caseID: String?
    /// The intake `message_id` the case came from, carried as the AMQP `correlation_id`.
    public var correlationID: String?
    /// The JSON body.
    public var payload: JSONValue

    /// Creates an event.
    public init(eventID: String, type: CaseEventType, audience: EventAudience, caseID: String?,
                correlationID: String?, payload: JSONValue) {
        self.eventID = eventID
        self.type = type
        self.audience = audience
        self.caseID = caseID
        self.correlationID = correlationID
        self.payload = payload
    }

    /// `<audience>.<event_type>`, e.g. `engineering.case.created`.
    public var routingKey: String { "\(audience.rawValue).\(type.rawValue)" }
}
