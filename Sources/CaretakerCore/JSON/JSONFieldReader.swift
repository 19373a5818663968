/// Reads typed values out of a parsed JSON document, one field at a time, knowing where it is.
///
/// A reader stands at one value and its path (`situations[3].all_of`); `field`, `items` and
/// `members` hand out readers for what lies below, with their paths. Every problem is thrown as
/// `Failure(at: path, problem)`, so the caller's domain chooses the error type and the words.
struct JSONFieldReader<Failure: JSONFieldFailure> {
    /// The value this reader stands at.
    let value: JSONValue
    /// Where `value` is in the document; `Failure.rootPath` for the document itself.
    let path: String

    /// A reader at `value`, found at `path` (by default the document itself).
    init(_ value: JSONValue, path: String = Failure.rootPath) {
        self.value = value
        self.path = path
    }

    /// The path of the member `key` of this value.
    func at(_ key: String) -> String {
        path == Failure.rootPath ? key : path + "." + key
    }

    /// The path of the element `index` of this value.
    func at(_ index: Int) -> String {
        path + "[\(index)]"
    }

    /// The caller's error for `problem` here, or at `path` when given.
    func failure(_ problem: JSONFieldProblem, at path: String? = nil) -> Failure {
        Failure(at: path ?? self.path, problem)
    }

    private func wrongType(_ expected: JSONFieldProblem.Kind) -> Failure {
        failure(.wrongType(expected: expected, found: value.typeName))
    }

    // MARK: The value itself

    /// This value as an object whose keys are all in `allowedKeys` (any key when `nil`).
    func object(allowedKeys: [String]? = nil) throws(Failure) -> JSONFieldReader {
        guard case .object(let members) = value else { throw wrongType(.object) }
        if let allowedKeys {
            for member in members where !allowedKeys.contains(member.key) {
                throw failure(.unknownKey(allowed: allowedKeys), at: at(member.key))
            }
        }
        return self
    }

    /// The members of this object, each with a reader at `path.key`.
    func members() throws(Failure) -> [(key: String, value: JSONFieldReader)] {
        guard case .object(let members) = value else { throw wrongType(.object) }
        return members.map { (key: $0.key, value: JSONFieldReader($0.value, path: at($0.key))) }
    }

    /// The elements of this array, each with a reader at `path[index]`.
    func items(nonEmpty: Bool = false) throws(Failure) -> [JSONFieldReader] {
        guard case .array(let elements) = value else { throw wrongType(.array) }
        if nonEmpty, elements.isEmpty { throw failure(.empty) }
        return elements.enumerated().map { JSONFieldReader($0.element, path: at($0.offset)) }
    }

    /// This value as a non-empty string of at most `maxLength` Unicode scalars (any length when `nil`).
    func string(maxLength: Int? = nil) throws(Failure) -> String {
        let text = try text()
        if text.isEmpty { throw failure(.empty) }
        let length = text.unicodeScalars.count
        if let maxLength, length > maxLength { throw failure(.tooLong(maximum: maxLength, length: length)) }
        return text
    }

    /// This value as a string, refused when blank if `Failure.blankStringsAreEmpty`.
    private func text() throws(Failure) -> String {
        guard case .string(let text) = value else { throw wrongType(.string) }
        if Failure.blankStringsAreEmpty, text.trimmingSpaces.isEmpty { throw failure(.empty) }
        return text
    }

    /// This value as a number in `range`.
    func number(in range: ClosedRange<Double>) throws(Failure) -> Double {
        guard case .number(let number) = value else { throw wrongType(.number) }
        guard range.contains(number) else { throw failure(.outOfRange(range)) }
        return number
    }

    /// This value as a whole number in `range`.
    func integer(in range: ClosedRange<Int>) throws(Failure) -> Int {
        guard case .number(let number) = value else { throw wrongType(.integer) }
        guard number == number.rounded(), number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw failure(.notInteger(in: range, value: number))
        }
        return Int(number)
    }

    /// This value as `true` or `false`.
    func bool() throws(Failure) -> Bool {
        guard case .bool(let flag) = value else { throw wrongType(.bool) }
        return flag
    }

    /// This value as an RFC 3339 date-time with an offset.
    func timestamp() throws(Failure) -> RFC3339Timestamp {
        guard case .string(let text) = value else { throw wrongType(.string) }
        guard let stamp = RFC3339Timestamp(text) else { throw failure(.invalidTimestamp) }
        return stamp
    }

    /// This value as the case of `E` whose raw value it is.
    func enumeration<E: RawRepresentable & CaseIterable>() throws(Failure) -> E where E.RawValue == String {
        let text = try text()
        guard let parsed = E(rawValue: text) else {
            throw failure(.unknownValue(text, allowed: E.allCases.map(\.rawValue)))
        }
        return parsed
    }

    // MARK: Members by key

    /// A reader at the member `key`; `nil` when it is absent and not `required`.
    func field(_ key: String, required: Bool = true) throws(Failure) -> JSONFieldReader? {
        if let found = value[key] { return JSONFieldReader(found, path: at(key)) }
        if required { throw failure(.missing, at: at(key)) }
        return nil
    }

    /// The member `key` unread; `nil` when it is absent and not `required`.
    func raw(_ key: String, required: Bool = true) throws(Failure) -> JSONValue? {
        try field(key, required: required)?.value
    }

    /// The member `key` as an object whose keys are all in `allowedKeys`; it is required.
    func object(_ key: String, allowedKeys: [String]? = nil) throws(Failure) -> JSONFieldReader {
        try field(key)!.object(allowedKeys: allowedKeys)
    }

    /// The members of the object at `key`; none when it is absent and not `required`.
    func members(_ key: String, required: Bool = true) throws(Failure) -> [(key: String, value: JSONFieldReader)] {
        try field(key, required: required)?.members() ?? []
    }

    /// The elements of the array at `key`; none when it is absent and not `required`.
    func items(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(Failure) -> [JSONFieldReader] {
        try field(key, required: required)?.items(nonEmpty: nonEmpty) ?? []
    }

    /// The array of strings at `key`; none when it is absent and not `required`.
    func strings(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(Failure) -> [String] {
        var result: [String] = []
        for item in try items(key, required: required, nonEmpty: nonEmpty) { result.append(try item.string()) }
        return result
    }

    /// The string at `key`; `nil` when it is absent and not `required`.
    func string(_ key: String, required: Bool = true, maxLength: Int? = nil) throws(Failure) -> String? {
        try field(key, required: required)?.string(maxLength: maxLength)
    }

    /// The number at `key` in `range`; `fallback` when it is absent (required when there is no fallback).
    func number(_ key: String, range: ClosedRange<Double>, default fallback: Double? = nil) throws(Failure) -> Double {
        guard let found = try field(key, required: fallback == nil) else { return fallback! }
        return try found.number(in: range)
    }

    /// The whole number at `key` in `range`; `nil` when it is absent and not `required`.
    func integer(_ key: String, range: ClosedRange<Int>, required: Bool = true) throws(Failure) -> Int? {
        try field(key, required: required)?.integer(in: range)
    }

    /// The boolean at `key`; `fallback` when it is absent.
    func bool(_ key: String, default fallback: Bool) throws(Failure) -> Bool {
        try field(key, required: false)?.bool() ?? fallback
    }

    /// The timestamp at `key`; `nil` when it is absent and not `required`.
    func timestamp(_ key: String, required: Bool = true) throws(Failure) -> RFC3339Timestamp? {
        try field(key, required: required)?.timestamp()
    }

    /// The case of `E` named at `key`; `nil` when it is absent and not `required`.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) throws(Failure) -> E?
    where E.RawValue == String {
        try field(key, required: required)?.enumeration()
    }
}
