import CaretakerCore

/// A message to publish later, written in the same transaction as the change that caused it.
public struct OutboxMessage: Sendable, Equatable {
    /// The AMQP `message_id` (an event id, or the dead letter's own id); unique in the outbox.
    public var messageID: String
    /// The exchange to publish to.
    public var exchange: String
    /// The routing key.
    public var routingKey: String
    /// The case it concerns, if any.
    public var caseID: String?
    /// The AMQP `correlation_id`: the intake message id the case came from.
    public var correlationID: String?
    /// The AMQP `content_type`.
    public var contentType: String
    /// AMQP headers (string values), e.g. a dead letter's reason.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a message.
    public init(messageID: String, exchange: String, routingKey: String, caseID: String? = nil,
                correlationID: String? = nil, contentType: String = "application/json",
                headers: [String: String] = [:], body: [UInt8]) {
        self.messageID = messageID
        self.exchange = exchange
        self.routingKey = routingKey
        self.caseID = caseID
        self.correlationID = correlationID
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// The outbox message for a case event on `caretaker.events`.
    public init(_ event: CaseEvent) {
        self.init(messageID: event.eventID, exchange: ExchangeName.events, routingKey: event.routingKey,
                  caseID: event.caseID, correlationID: event.correlationID,
                  body: event.payload.serializedUTF8)
    }

    /// The row as JSON for `jsonb_populate_recordset(NULL::outbox, …)`; the body travels in hex
    /// so that any bytes (a dead letter may not be UTF-8) survive.
    var rowJSON: JSONValue {
        .object([
            ("message_id", .string(messageID)),
            ("exchange", .string(exchange)),
            ("routing_key", .string(routingKey)),
            ("case_id", caseID.map(JSONValue.string) ?? .null),
            ("correlation_id", correlationID.map(JSONValue.string) ?? .null),
            ("content_type", .string(contentType)),
            ("headers", .object(headers.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            Self.bodyMember(body),
        ])
    }

    /// UTF-8 bodies (every event) travel as JSON text, half the size of hex and cheaper for the
    /// server to decode; other bytes (a dead letter may be anything) travel in hex.
    private static func bodyMember(_ body: [UInt8]) -> (key: String, value: JSONValue) {
        if !body.contains(0), let text = String(validating: body, as: UTF8.self) {
            return ("body_text", .string(text))
        }
        return ("body_hex", .string(Hex.encode(body)))
    }
}
