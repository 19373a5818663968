internal import CRabbitMQ
import Foundation

/// Copies rabbitmq-c's received structures into Swift values, which outlive the library's buffers.
enum CDecoding {
    static func data(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard bytes.len > 0, let pointer = bytes.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: bytes.len))
    }

    static func string(_ bytes: amqp_bytes_t) -> String {
        String(decoding: data(bytes), as: UTF8.self)
    }

    static func table(_ table: amqp_table_t) -> AMQPTable {
        guard table.num_entries > 0, let entries = table.entries else { return AMQPTable() }
        return AMQPTable((0..<Int(table.num_entries)).map { index in
            AMQPTable.Entry(key: string(entries[index].key), value: fieldValue(entries[index].value))
        })
    }

    static func fieldValue(_ field: amqp_field_value_t) -> AMQPFieldValue {
        switch Unicode.Scalar(field.kind) {
        case "t": .bool(field.value.boolean != 0)
        case "b": .int8(field.value.i8)
        case "B": .uint8(field.value.u8)
        case "s": .int16(field.value.i16)
        case "u": .uint16(field.value.u16)
        case "I": .int32(field.value.i32)
        case "i": .uint32(field.value.u32)
        case "l": .int64(field.value.i64)
        case "L": .uint64(field.value.u64)
        case "f": .float(field.value.f32)
        case "d": .double(field.value.f64)
        case "D": .decimal(scale: field.value.decimal.decimals, value: field.value.decimal.value)
        case "S":
            String(validating: data(field.value.bytes), as: UTF8.self).map(AMQPFieldValue.string)
                ?? .bytes(data(field.value.bytes))
        case "x": .bytes(data(field.value.bytes))
        case "T": .timestamp(field.value.u64)
        case "F": .table(table(field.value.table))
        case "A":
            .array(field.value.array.entries.map { entries in
                (0..<Int(field.value.array.num_entries)).map { fieldValue(entries[$0]) }
            } ?? [])
        default: .void
        }
    }

    static func properties(_ raw: amqp_basic_properties_t) -> AMQPMessageProperties {
        let flags = raw._flags
        func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
        func text(_ flag: Int32, _ bytes: amqp_bytes_t) -> String? { has(flag) ? string(bytes) : nil }
        return AMQPMessageProperties(
            contentType: text(AMQP_BASIC_CONTENT_TYPE_FLAG, raw.content_type),
            contentEncoding: text(AMQP_BASIC_CONTENT_ENCODING_FLAG, raw.content_encoding),
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? table(raw.headers) : nil,
            deliveryMode: has(AMQP_BASIC_DELIVERY_MODE_FLAG)
                ? AMQPMessageProperties.DeliveryMode(rawValue: raw.delivery_mode) : nil,
            priority: has(AMQP_BASIC_PRIORITY_FLAG) ? raw.priority : nil,
            correlationID: text(AMQP_BASIC_CORRELATION_ID_FLAG, raw.correlation_id),
            replyTo: text(AMQP_BASIC_REPLY_TO_FLAG, raw.reply_to),
            expiration: text(AMQP_BASIC_EXPIRATION_FLAG, raw.expiration),
            messageID: text(AMQP_BASIC_MESSAGE_ID_FLAG, raw.message_id),
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG)
                ? Date(timeIntervalSince1970: TimeInterval(raw.timestamp)) : nil,
            type: text(AMQP_BASIC_TYPE_FLAG, raw.type),
            userID: text(AMQP_BASIC_USER_ID_FLAG, raw.user_id),
            appID: text(AMQP_BASIC_APP_ID_FLAG, raw.app_id))
    }
}
