extension DataFileError: JSONFieldFailure {
    /// Data files call the whole document `$`.
    static var rootPath: String { "$" }
    /// A name or phrase of only spaces is as good as none in a data file.
    static var blankStringsAreEmpty: Bool { true }

    /// Words `problem` for a data file; a value found in the file may be quoted (it holds no resident data).
    init(at path: String, _ problem: JSONFieldProblem) {
        switch problem {
        case .missing:
            self.init(path: path, problem: .missing, message: "required key is missing")
        case .unknownKey(let allowed):
            self.init(path: path, problem: .unknownKey, message: "unknown key; allowed: \(allowed.joined(separator: ", "))")
        case .wrongType(let expected, let found):
            let wording = expected == .integer ? JSONFieldProblem.Kind.number.wording : expected.wording
            self.init(path: path, problem: .wrongType, message: "must be \(wording), not \(found)")
        case .empty:
            self.init(path: path, problem: .empty, message: "must not be empty")
        case .tooLong(let maximum, let length):
            self.init(path: path, problem: .outOfRange, message: "must be at most \(maximum) characters, got \(length)")
        case .outOfRange(let range):
            self.init(path: path, problem: .outOfRange, message: "must be between \(range.lowerBound) and \(range.upperBound)")
        case .notInteger(let range, let value):
            let bounds = Double(range.lowerBound)...Double(range.upperBound)
            self.init(path: path, problem: .outOfRange, message: bounds.contains(value)
                ? "must be a whole number" : "must be between \(bounds.lowerBound) and \(bounds.upperBound)")
        case .unknownValue(let value, let allowed):
            self.init(path: path, problem: .unknownValue, message: "\"\(value)\" is not one of: \(allowed.joined(separator: ", "))")
        case .invalidTimestamp:
            self.init(path: path, problem: .invalidDate, message: "must be an RFC 3339 date-time with an offset")
        }
    }

    /// Parses UTF-8 JSON bytes, reporting a parse failure as `not_json` at `$`, or a repeated key as `duplicate` at that key.
    static func parseJSON<Bytes: Collection>(_ bytes: Bytes) throws(DataFileError) -> JSONValue where Bytes.Element == UInt8 {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            if error.kind == .duplicateKey {
                throw DataFileError(path: error.key, problem: .duplicate, message: "key appears twice in one object (\(error.description))")
            }
            throw DataFileError(path: "$", problem: .notJSON, message: error.description)
        }
    }
}

/// Reads a data file's JSON, reporting in `DataFileError`.
typealias DataFileReader = JSONFieldReader<DataFileError>
