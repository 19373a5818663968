import AMQP
import CaretakerCore
import CaretakerMessaging

/// Publishes intake messages to `caretaker.intake` the way the hotline system does: persistent,
/// `mandatory`, with the `message_id` property, routing key `complaint` or `repair`, and
/// publisher confirms over a window. Used by `caretaker publish`, the demo and benchmarks.
///
/// Every message carries the AMQP `user_id` of the user it logs in as; the broker refuses a
/// publish whose `user_id` differs from the login, and the worker refuses one without it.
public actor IntakePublisher {
    /// A message that came back unrouted or was refused by the broker.
    public struct Refused: Error, CustomStringConvertible {
        /// What the broker said.
        public let description: String
    }

    private let connection: AMQPConnection
    private let window: Int
    private let userID: String

    /// Connects with confirms enabled; at most `window` publishes wait for confirms at once.
    public init(configuration: AMQPConfiguration, window: Int = 1_000) async throws {
        connection = try await AMQPConnection.connect(configuration)
        try await connection.enableConfirms()
        self.window = max(1, window)
        userID = configuration.url.user
    }

    /// Publishes one message (bytes as given); the routing key defaults to the body's `kind`.
    public func publish(body: [UInt8], messageID: String?, routingKey: String,
                        exchange: String = ExchangeName.intake) async throws {
        try await Self.publish(body, messageID: messageID, userID: userID, exchange: exchange, routingKey: routingKey,
                               window: window, on: connection)
    }

    /// Publishes one intake message.
    public func publish(_ message: IntakeMessage) async throws {
        try await publish(body: message.json.serializedUTF8, messageID: message.messageID,
                          routingKey: message.kind.rawValue)
    }

    /// Waits until the broker confirmed everything published so far.
    public func flush() async throws {
        try Self.settle(try await connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(30)))
    }

    /// Closes the connection.
    public func close() async {
        await connection.close()
    }

    private static func publish(_ body: [UInt8], messageID: String?, userID: String, exchange: String, routingKey: String,
                                window: Int, on connection: isolated AMQPConnection) throws {
        if connection.unconfirmedCount >= window {
            try settle(connection.waitForConfirms(untilAtMost: window / 2, timeout: .seconds(30)))
        }
        let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                               messageID: messageID, userID: userID, appID: "caretaker-publish")
        try connection.publish(body, exchange: exchange, routingKey: routingKey, mandatory: true,
                               properties: properties)
    }

    private static func settle(_ events: [AMQPEvent]) throws {
        for event in events {
            switch event {
            case .returned(let returned):
                throw Refused(description: "message \(returned.messageID ?? "-") returned: \(returned.replyCode) \(returned.replyText)")
            case .confirmed(let confirmation) where confirmation.outcome == .nack:
                throw Refused(description: "broker refused \(confirmation.deliveryTags.count) message(s)")
            default:
                continue
            }
        }
    }
}
