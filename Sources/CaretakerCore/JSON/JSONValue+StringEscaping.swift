extension JSONValue {
    /// Appends `value` as a quoted JSON string to `out`, escaping quotes, backslashes and control characters.
    public static func writeString(_ value: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(value, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` quoted to `out` as UTF-8, escaping quote, backslash, control characters and
    /// U+2028 / U+2029 (which end a line in JavaScript); everything else is copied in runs.
    public static func writeString(_ text: String, to out: inout [UInt8]) {
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

    private static let hexDigits = Array("0123456789abcdef".utf8)

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
