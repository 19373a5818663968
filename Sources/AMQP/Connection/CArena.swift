internal import CRabbitMQ
import Foundation

/// Owns the C memory that outgoing AMQP structures point into, and frees it all at once.
///
/// rabbitmq-c borrows every `amqp_bytes_t` and table only for the duration of a call, so each
/// call builds its arguments in an arena that lives exactly as long as the call.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for allocation in allocations { free(allocation) }
    }

    private func allocate(bytes count: Int) -> UnsafeMutableRawPointer {
        let pointer = malloc(max(count, 1))!
        allocations.append(pointer)
        return pointer
    }

    /// A NUL-terminated copy of `text`.
    func cString(_ text: String) -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8CString)
        let pointer = allocate(bytes: utf8.count)
        utf8.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return UnsafePointer(pointer.assumingMemoryBound(to: CChar.self))
    }

    /// A copy of `bytes` as an `amqp_bytes_t`.
    func bytes(_ bytes: [UInt8]) -> amqp_bytes_t {
        guard !bytes.isEmpty else { return amqp_bytes_t(len: 0, bytes: nil) }
        let pointer = allocate(bytes: bytes.count)
        bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return amqp_bytes_t(len: bytes.count, bytes: pointer)
    }

    /// A copy of the UTF-8 of `text` (not NUL-terminated) as an `amqp_bytes_t`.
    func bytes(_ text: String) -> amqp_bytes_t {
        bytes(Array(text.utf8))
    }

    /// The table as rabbitmq-c's `amqp_table_t`; an empty table is `amqp_empty_table`.
    func table(_ table: AMQPTable) -> amqp_table_t {
        guard !table.isEmpty else { return amqp_table_t(num_entries: 0, entries: nil) }
        let raw = allocate(bytes: table.entries.count * MemoryLayout<amqp_table_entry_t>.stride)
        let entries = raw.bindMemory(to: amqp_table_entry_t.self, capacity: table.entries.count)
        for (index, entry) in table.entries.enumerated() {
            (entries + index).initialize(to: amqp_table_entry_t(key: bytes(entry.key), value: fieldValue(entry.value)))
        }
        return amqp_table_t(num_entries: Int32(table.entries.count), entries: entries)
    }

    /// The value as rabbitmq-c's `amqp_field_value_t`.
    func fieldValue(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        func kind(_ character: Unicode.Scalar) { field.kind = UInt8(ascii: character) }
        switch value {
        case .bool(let v): kind("t"); field.value.boolean = v ? 1 : 0
        case .int8(let v): kind("b"); field.value.i8 = v
        case .uint8(let v): kind("B"); field.value.u8 = v
        case .int16(let v): kind("s"); field.value.i16 = v
        case .uint16(let v): kind("u"); field.value.u16 = v
        case .int32(let v): kind("I"); field.value.i32 = v
        case .uint32(let v): kind("i"); field.value.u32 = v
        case .int64(let v): kind("l"); field.value.i64 = v
        case .uint64(let v): kind("L"); field.value.u64 = v
        case .float(let v): kind("f"); field.value.f32 = v
        case .double(let v): kind("d"); field.value.f64 = v
        case .decimal(let scale, let v): kind("D"); field.value.decimal = amqp_decimal_t(decimals: scale, value: v)
        case .string(let v): kind("S"); field.value.bytes = bytes(v)
        case .bytes(let v): kind("x"); field.value.bytes = bytes(v)
        case .timestamp(let v): kind("T"); field.value.u64 = v
        case .void: kind("V")
        case .table(let v): kind("F"); field.value.table = table(v)
        case .array(let items):
            kind("A")
            let raw = allocate(bytes: items.count * MemoryLayout<amqp_field_value_t>.stride)
            let values = raw.bindMemory(to: amqp_field_value_t.self, capacity: items.count)
            for (index, item) in items.enumerated() { (values + index).initialize(to: fieldValue(item)) }
            field.value.array = amqp_array_t(num_entries: Int32(items.count), entries: items.isEmpty ? nil : values)
        }
        return field
    }

    /// The properties as rabbitmq-c's `amqp_basic_properties_t`, with the presence flags set.
    func properties(_ properties: AMQPMessageProperties) -> amqp_basic_properties_t {
        var result = amqp_basic_properties_t()
        var flags: UInt32 = 0
        func set(_ value: String?, _ flag: Int32, _ field: WritableKeyPath<amqp_basic_properties_t, amqp_bytes_t>) {
            guard let value else { return }
            result[keyPath: field] = bytes(value)
            flags |= UInt32(flag)
        }
        set(properties.contentType, AMQP_BASIC_CONTENT_TYPE_FLAG, \.content_type)
        set(properties.contentEncoding, AMQP_BASIC_CONTENT_ENCODING_FLAG, \.content_encoding)
        set(properties.correlationID, AMQP_BASIC_CORRELATION_ID_FLAG, \.correlation_id)
        set(properties.replyTo, AMQP_BASIC_REPLY_TO_FLAG, \.reply_to)
        set(properties.expiration, AMQP_BASIC_EXPIRATION_FLAG, \.expiration)
        set(properties.messageID, AMQP_BASIC_MESSAGE_ID_FLAG, \.message_id)
        set(properties.type, AMQP_BASIC_TYPE_FLAG, \.type)
        set(properties.userID, AMQP_BASIC_USER_ID_FLAG, \.user_id)
        set(properties.appID, AMQP_BASIC_APP_ID_FLAG, \.app_id)
        if let headers = properties.headers {
            result.headers = table(headers)
            flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
        }
        if let mode = properties.deliveryMode {
            result.delivery_mode = mode.rawValue
            flags |= UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        }
        if let priority = properties.priority {
            result.priority = priority
            flags |= UInt32(AMQP_BASIC_PRIORITY_FLAG)
        }
        if let timestamp = properties.timestamp {
            result.timestamp = UInt64(max(0, timestamp.timeIntervalSince1970.rounded(.down)))
            flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        }
        result._flags = flags
        return result
    }
}
