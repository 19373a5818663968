/// Why a byte string is not acceptable JSON.
///
/// The description names the problem and byte offset only, never the content.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem the parser reports.
    public enum Kind: String, Sendable, Equatable {
        /// The bytes are not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// The text is not JSON (unexpected character, truncated input, bad escape or number).
        case syntax
        /// Arrays and objects nest deeper than the parser allows.
        case tooDeep = "too_deep"
        /// An object has the same key twice.
        case duplicateKey = "duplicate_key"
    }

    /// What is wrong.
    public var kind: Kind
    /// Byte offset where the problem was found.
    public var offset: Int
    /// The duplicated key for `.duplicateKey` (a field name, truncated to 64 characters), else empty.
    public var key: String

    /// Creates an error.
    public init(kind: Kind, offset: Int, key: String = "") {
        self.kind = kind
        self.offset = offset
        self.key = key
    }

    /// A one-line explanation that never quotes the input.
    public var description: String {
        switch kind {
        case .invalidUTF8: "input is not valid UTF-8 (byte \(offset))"
        case .syntax: "input is not valid JSON (byte \(offset))"
        case .tooDeep: "JSON nests too deeply (byte \(offset))"
        case .duplicateKey: "JSON object repeats the key \"\(key)\" (byte \(offset))"
        }
    }
}
