extension JSONValue {
    /// The compact JSON text of this value (no spaces, members in order, non-ASCII kept as UTF-8).
    public var serialized: String {
        String(decoding: serializedUTF8, as: UTF8.self)
    }

    /// The compact JSON text of this value as UTF-8 bytes, the form message bodies travel in.
    public var serializedUTF8: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text of this value to `out` as UTF-8.
    ///
    /// Bytes rather than a `String`: appending one Unicode scalar at a time to a `String` made
    /// building the batch documents (a few kilobytes per case) the intake's main CPU cost.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .number(let value): out += JSONValue.numberText(value).utf8
        case .string(let value): JSONValue.writeString(value, to: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integers below 9e15 without a fraction, other finite numbers as Swift prints them, and
    /// `null` for NaN and the infinities, which JSON cannot spell.
    private static func numberText(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9.0e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }
}
