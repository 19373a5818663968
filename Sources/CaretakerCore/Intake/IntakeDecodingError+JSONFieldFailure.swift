extension IntakeDecodingError: JSONFieldFailure {
    /// A message's fields are named from its top level (`text`, `resident.phone`), so the root is empty.
    static var rootPath: String { "" }
    /// Only `""` is empty: a message's text is the sender's, spaces and all.
    static var blankStringsAreEmpty: Bool { false }

    /// Words `problem` for an inbound message; never quotes a value from it (it may hold resident data).
    init(at path: String, _ problem: JSONFieldProblem) {
        switch problem {
        case .missing:
            self.init(field: path, reason: .missing, message: "required field is missing")
        case .unknownKey:
            self.init(field: path, reason: .unknownValue, message: "unknown field")
        case .wrongType(let expected, let found):
            self.init(field: path, reason: .wrongType, message: "must be \(expected.wording), not \(found)")
        case .empty:
            self.init(field: path, reason: .empty, message: "must not be empty")
        case .tooLong(let maximum, let length):
            self.init(field: path, reason: .tooLong, message: "must be at most \(maximum) characters, got \(length)")
        case .outOfRange(let range):
            self.init(field: path, reason: .outOfRange, message: "must be from \(range.lowerBound) to \(range.upperBound)")
        case .notInteger(let range, _):
            self.init(field: path, reason: .outOfRange, message: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        case .unknownValue(_, let allowed):
            self.init(field: path, reason: .unknownValue, message: "must be one of: \(allowed.joined(separator: ", "))")
        case .invalidTimestamp:
            self.init(field: path, reason: .invalidTimestamp,
                      message: "must be an RFC 3339 date-time with an offset, e.g. 2026-03-02T09:15:00+08:00")
        }
    }

    /// Parses a whole message that must be one JSON object of at most `maximumBytes` bytes.
    static func parseObject<Bytes: Collection>(_ bytes: Bytes, maximumBytes: Int) throws(IntakeDecodingError) -> JSONValue
    where Bytes.Element == UInt8 {
        guard bytes.count <= maximumBytes else {
            throw IntakeDecodingError(field: "", reason: .messageTooLarge,
                                      message: "message is larger than \(maximumBytes) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            switch error.kind {
            case .invalidUTF8:
                throw IntakeDecodingError(field: "", reason: .invalidUTF8, message: error.description)
            case .duplicateKey:
                throw IntakeDecodingError(field: error.key, reason: .duplicateField, message: "field appears more than once")
            case .syntax, .tooDeep:
                throw IntakeDecodingError(field: "", reason: .notJSON, message: error.description)
            }
        }
        guard case .object = value else {
            throw IntakeDecodingError(field: "", reason: .notObject, message: "message must be a JSON object, not \(value.typeName)")
        }
        return value
    }

    /// The string at `key` when it is a plausible id of at most `maximumLength`, for errors about other fields.
    static func peekID(_ key: String, in object: JSONValue, maximumLength: Int) -> String? {
        guard case .string(let id)? = object[key], !id.isEmpty, id.unicodeScalars.count <= maximumLength else { return nil }
        return id
    }
}

/// Reads an inbound message's JSON (intake messages, console commands), reporting in `ContractError`.
typealias ContractReader = JSONFieldReader<ContractError>
