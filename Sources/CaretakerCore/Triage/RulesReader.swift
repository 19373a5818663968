/// Reads one JSON object of the rules file, checking keys and types and building error paths.
struct RulesReader {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String, allowedKeys: [String]) throws(TriageRulesError) {
        guard case .object(let members) = value else {
            throw TriageRulesError(path: path, problem: .wrongType, message: "must be an object, not \(value.typeName)")
        }
        for member in members where !allowedKeys.contains(member.key) {
            throw TriageRulesError(path: RulesReader.join(path, member.key), problem: .unknownKey,
                                   message: "unknown key; allowed: \(allowedKeys.joined(separator: ", "))")
        }
        self.value = value
        self.path = path
    }

    static func join(_ path: String, _ key: String) -> String {
        path == "$" ? key : path + "." + key
    }

    func at(_ key: String) -> String {
        RulesReader.join(path, key)
    }

    func raw(_ key: String, required: Bool = true) throws(TriageRulesError) -> JSONValue? {
        guard let found = value[key] else {
            if required { throw TriageRulesError(path: at(key), problem: .missing, message: "required key is missing") }
            return nil
        }
        return found
    }

    func string(_ key: String, required: Bool = true) throws(TriageRulesError) -> String? {
        guard let found = try raw(key, required: required) else { return nil }
        return try RulesReader.string(found, path: at(key))
    }

    static func string(_ value: JSONValue, path: String) throws(TriageRulesError) -> String {
        guard case .string(let text) = value else {
            throw TriageRulesError(path: path, problem: .wrongType, message: "must be a string, not \(value.typeName)")
        }
        guard !text.trimmingSpaces.isEmpty else { throw TriageRulesError(path: path, problem: .empty, message: "must not be empty") }
        return text
    }

    func bool(_ key: String, default fallback: Bool) throws(TriageRulesError) -> Bool {
        guard let found = try raw(key, required: false) else { return fallback }
        guard case .bool(let flag) = found else {
            throw TriageRulesError(path: at(key), problem: .wrongType, message: "must be true or false, not \(found.typeName)")
        }
        return flag
    }

    func number(_ key: String, range: ClosedRange<Double>, default fallback: Double? = nil) throws(TriageRulesError) -> Double {
        guard let found = try raw(key, required: fallback == nil) else { return fallback! }
        return try RulesReader.number(found, path: at(key), range: range)
    }

    static func number(_ value: JSONValue, path: String, range: ClosedRange<Double>) throws(TriageRulesError) -> Double {
        guard case .number(let number) = value else {
            throw TriageRulesError(path: path, problem: .wrongType, message: "must be a number, not \(value.typeName)")
        }
        guard range.contains(number) else {
            throw TriageRulesError(path: path, problem: .outOfRange, message: "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) throws(TriageRulesError) -> E? where E.RawValue == String {
        guard let found = try raw(key, required: required) else { return nil }
        return try RulesReader.enumeration(found, path: at(key))
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ value: JSONValue, path: String) throws(TriageRulesError) -> E where E.RawValue == String {
        let text = try string(value, path: path)
        guard let parsed = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw TriageRulesError(path: path, problem: .unknownValue, message: "\"\(text)\" is not one of: \(allowed)")
        }
        return parsed
    }

    func array(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(TriageRulesError) -> [JSONValue] {
        guard let found = try raw(key, required: required) else { return [] }
        guard case .array(let items) = found else {
            throw TriageRulesError(path: at(key), problem: .wrongType, message: "must be an array, not \(found.typeName)")
        }
        if nonEmpty, items.isEmpty { throw TriageRulesError(path: at(key), problem: .empty, message: "must not be empty") }
        return items
    }

    func strings(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(TriageRulesError) -> [String] {
        var result: [String] = []
        for (index, item) in try array(key, required: required, nonEmpty: nonEmpty).enumerated() {
            result.append(try RulesReader.string(item, path: at(key) + "[\(index)]"))
        }
        return result
    }

    func members(_ key: String, required: Bool = true) throws(TriageRulesError) -> [(key: String, value: JSONValue)] {
        guard let found = try raw(key, required: required) else { return [] }
        guard case .object(let members) = found else {
            throw TriageRulesError(path: at(key), problem: .wrongType, message: "must be an object, not \(found.typeName)")
        }
        return members
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
