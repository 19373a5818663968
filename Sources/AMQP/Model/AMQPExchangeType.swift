/// An exchange type, such as `direct` or `topic`.
///
/// A struct rather than an enum so that plugin types (`x-delayed-message`, …) can be named too.
public struct AMQPExchangeType: RawRepresentable, Sendable, Equatable, ExpressibleByStringLiteral {
    /// The type name sent to the broker.
    public let rawValue: String

    /// Creates a type from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a type from a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Routes on an exact routing key match.
    public static let direct: AMQPExchangeType = "direct"
    /// Routes on routing key patterns with `*` and `#`.
    public static let topic: AMQPExchangeType = "topic"
    /// Routes to every bound queue.
    public static let fanout: AMQPExchangeType = "fanout"
    /// Routes on header values.
    public static let headers: AMQPExchangeType = "headers"
}
