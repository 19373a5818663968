/// A value in an AMQP field table: message headers, queue and exchange arguments.
///
/// Each case maps to one AMQP 0-9-1 field type as rabbitmq-c encodes it. RabbitMQ understands the
/// signed integers, `bool`, `float`, `double`, `decimal`, `string`, `bytes`, `array`, `table`,
/// `timestamp` and `void`; the unsigned cases other than `uint8` are rabbitmq-c extensions that
/// RabbitMQ may refuse. Queue arguments such as `x-delivery-limit` are best sent as `int64`.
public indirect enum AMQPFieldValue: Sendable, Equatable {
    /// A boolean (`t`).
    case bool(Bool)
    /// A signed 8-bit integer (`b`).
    case int8(Int8)
    /// An unsigned 8-bit integer (`B`).
    case uint8(UInt8)
    /// A signed 16-bit integer (`s`).
    case int16(Int16)
    /// An unsigned 16-bit integer (`u`).
    case uint16(UInt16)
    /// A signed 32-bit integer (`I`).
    case int32(Int32)
    /// An unsigned 32-bit integer (`i`).
    case uint32(UInt32)
    /// A signed 64-bit integer (`l`).
    case int64(Int64)
    /// An unsigned 64-bit integer (`L`).
    case uint64(UInt64)
    /// A 32-bit float (`f`).
    case float(Float)
    /// A 64-bit float (`d`).
    case double(Double)
    /// A decimal: `value` divided by 10 to the power `scale` (`D`).
    case decimal(scale: UInt8, value: UInt32)
    /// A UTF-8 long string (`S`).
    case string(String)
    /// Raw bytes (`x`); also what a received long string that is not valid UTF-8 becomes.
    case bytes([UInt8])
    /// A nested array (`A`).
    case array([AMQPFieldValue])
    /// A nested table (`F`).
    case table(AMQPTable)
    /// A timestamp in seconds since 1970 (`T`).
    case timestamp(UInt64)
    /// No value (`V`).
    case void
}

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal becomes an `int64`, the type RabbitMQ expects for numeric arguments.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
