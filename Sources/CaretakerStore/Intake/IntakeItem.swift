import CaretakerCore

/// One intake delivery, already decoded and classified (or found unusable), ready to record.
public enum IntakeItem: Sendable {
    /// A valid report, its triage decision, and the audiences whose staff it complains about
    /// (`AccusedStaff`).
    case report(IntakeMessage, TriageDecision, accused: [EventAudience])
    /// A message that could not be used; it is recorded and dead-lettered, never retried.
    case rejected(RejectedMessage)
}

/// A message that could not be used, kept byte for byte with the reason.
public struct RejectedMessage: Sendable, Equatable {
    /// Where it came from: `intake` or `command`.
    public var source: String
    /// The message id, from the body when it could be read or else from the AMQP property.
    public var messageID: String?
    /// The routing key it arrived with.
    public var routingKey: String
    /// The raw body.
    public var body: [UInt8]
    /// The field at fault (empty for whole-message problems).
    public var field: String
    /// A machine-readable reason (e.g. `missing`, `not_json`).
    public var reason: String
    /// A sentence for ops; never contains the message's values.
    public var detail: String

    /// Creates a rejected message.
    public init(source: String, messageID: String?, routingKey: String, body: [UInt8],
                field: String, reason: String, detail: String) {
        self.source = source
        self.messageID = messageID
        self.routingKey = routingKey
        self.body = body
        self.field = field
        self.reason = reason
        self.detail = detail
    }

    /// The dead letter to publish to `caretaker.dead-letters`, with the reason in headers.
    public func deadLetter(id: String) -> OutboxMessage {
        var headers = [
            "x-caretaker-source": source,
            "x-caretaker-reason": reason,
            "x-caretaker-field": field,
            "x-caretaker-detail": detail,
            "x-original-routing-key": routingKey,
        ]
        if let messageID { headers["x-original-message-id"] = messageID }
        return OutboxMessage(messageID: id, exchange: ExchangeName.deadLetters, routingKey: source,
                             correlationID: messageID, contentType: "application/octet-stream",
                             headers: headers, body: body)
    }
}

/// What recording one intake item did.
public enum IntakeOutcome: Sendable, Equatable {
    /// A new case was created.
    case created(caseID: String, caseNumber: String)
    /// The message id was processed before; nothing new was created.
    case duplicate
    /// The message was recorded as rejected and dead-lettered.
    case rejected
}
