import Foundation

/// The basic-class properties of a message (`content_type`, `message_id`, headers, …).
///
/// Every property is optional; `nil` means "not sent". ``persistentJSON(messageID:correlationID:)``
/// builds what the reliability rules require of every message this project publishes.
public struct AMQPMessageProperties: Sendable, Equatable {
    /// Whether the broker writes the message to disk.
    public enum DeliveryMode: UInt8, Sendable {
        /// Kept in memory only (delivery mode 1).
        case transient = 1
        /// Written to disk (delivery mode 2); survives a broker restart on a durable queue.
        case persistent = 2
    }

    /// The MIME type of the body, for example `application/json`.
    public var contentType: String?
    /// The content encoding of the body, for example `gzip`.
    public var contentEncoding: String?
    /// Application headers.
    public var headers: AMQPTable?
    /// Transient or persistent.
    public var deliveryMode: DeliveryMode?
    /// The priority 0–9 (only for priority queues).
    public var priority: UInt8?
    /// Links a message to the message it was derived from.
    public var correlationID: String?
    /// The queue a reply should go to.
    public var replyTo: String?
    /// A per-message TTL in milliseconds, as a decimal string.
    public var expiration: String?
    /// The application's id for this message, used to deduplicate.
    public var messageID: String?
    /// When the message was created, in whole seconds on the wire.
    public var timestamp: Date?
    /// The application's message type name.
    public var type: String?
    /// The user id; RabbitMQ checks it equals the connection's user.
    public var userID: String?
    /// The publishing application's id.
    public var appID: String?

    /// Creates properties; every argument defaults to "not sent".
    public init(
        contentType: String? = nil, contentEncoding: String? = nil, headers: AMQPTable? = nil,
        deliveryMode: DeliveryMode? = nil, priority: UInt8? = nil, correlationID: String? = nil,
        replyTo: String? = nil, expiration: String? = nil, messageID: String? = nil,
        timestamp: Date? = nil, type: String? = nil, userID: String? = nil, appID: String? = nil
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.headers = headers
        self.deliveryMode = deliveryMode
        self.priority = priority
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.expiration = expiration
        self.messageID = messageID
        self.timestamp = timestamp
        self.type = type
        self.userID = userID
        self.appID = appID
    }

    /// Persistent, `application/json`, with a message id and optionally a correlation id and headers.
    public static func persistentJSON(
        messageID: String, correlationID: String? = nil, headers: AMQPTable? = nil, timestamp: Date? = nil
    ) -> AMQPMessageProperties {
        AMQPMessageProperties(
            contentType: "application/json", headers: headers, deliveryMode: .persistent,
            correlationID: correlationID, messageID: messageID, timestamp: timestamp)
    }
}
