import CaretakerCore

/// A byte-level writer for ``JSONValue`` with the same output as `JSONValue.serialized`.
///
/// The batch statements send their rows as one JSON document; `serialized` appends one Unicode
/// scalar at a time to a `String`, which made building those documents (the outbox bodies travel
/// in hex, a few kilobytes per case) the intake's main CPU cost. This copies UTF-8 runs instead.
enum JSONText {
    /// The compact JSON text of `value`, byte for byte what `value.serialized` gives.
    static func serialize(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The compact JSON text of `value` as UTF-8 bytes.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .number:
            // Numbers are rare in rows; format them exactly as `serialized` does.
            out += value.serialized.utf8
        case .string(let text): writeString(text, to: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` quoted, escaping as `JSONValue.writeString` does (quote, backslash, control
    /// characters, U+2028 and U+2029), copying everything else as UTF-8.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escapeLength: Int
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                    escapeLength = 1
                } else if byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80,
                          utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 {
                    escapeLength = 3
                } else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(escapeLength == 3 ? 0x2028 + UInt32(utf8[index + 2] - 0xA8) : UInt32(byte), to: &out)
                index += escapeLength
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0x22: out += "\\\"".utf8
        case 0x5C: out += "\\\\".utf8
        case 0x0A: out += "\\n".utf8
        case 0x0D: out += "\\r".utf8
        case 0x09: out += "\\t".utf8
        default:
            out += "\\u".utf8
            for shift in stride(from: 12, through: 0, by: -4) {
                out.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
    }
}
