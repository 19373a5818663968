/// An error type of an SLA data file that `SLAReader` can produce: a path, a problem code, a message.
protocol SLAFileError: Error {
    /// Creates the error from a problem code shared with `TriageRulesError.Problem`'s raw values.
    init(path: String, code: String, message: String)
}

/// Reads one JSON object of an SLA data file through the triage `RulesReader`, so both kinds of
/// file check keys, types and paths the same way, and rethrows its errors as `Failure`.
struct SLAReader<Failure: SLAFileError> {
    let inner: RulesReader

    init(_ value: JSONValue, path: String, allowedKeys: [String]) throws(Failure) {
        inner = try SLAReader.convert { () throws(TriageRulesError) in
            try RulesReader(value, path: path, allowedKeys: allowedKeys)
        }
    }

    var path: String { inner.path }
    func at(_ key: String) -> String { inner.at(key) }

    static func convert<T>(_ body: () throws(TriageRulesError) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw Failure(path: error.path, code: error.problem.rawValue, message: error.message)
        }
    }

    func raw(_ key: String, required: Bool = true) throws(Failure) -> JSONValue? {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.raw(key, required: required) }
    }

    func string(_ key: String, required: Bool = true) throws(Failure) -> String? {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.string(key, required: required) }
    }

    static func string(_ value: JSONValue, path: String) throws(Failure) -> String {
        try convert { () throws(TriageRulesError) in try RulesReader.string(value, path: path) }
    }

    func bool(_ key: String, default fallback: Bool) throws(Failure) -> Bool {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.bool(key, default: fallback) }
    }

    func number(_ key: String, range: ClosedRange<Double>, default fallback: Double? = nil) throws(Failure) -> Double {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.number(key, range: range, default: fallback) }
    }

    static func number(_ value: JSONValue, path: String, range: ClosedRange<Double>) throws(Failure) -> Double {
        try convert { () throws(TriageRulesError) in try RulesReader.number(value, path: path, range: range) }
    }

    /// A whole number in `range`.
    func integer(_ key: String, range: ClosedRange<Int>) throws(Failure) -> Int {
        let value = try number(key, range: Double(range.lowerBound)...Double(range.upperBound))
        guard value == value.rounded() else {
            throw Failure(path: at(key), code: "out_of_range", message: "must be a whole number")
        }
        return Int(value)
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ value: JSONValue, path: String) throws(Failure) -> E where E.RawValue == String {
        try convert { () throws(TriageRulesError) -> E in try RulesReader.enumeration(value, path: path) }
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) throws(Failure) -> E? where E.RawValue == String {
        try SLAReader.convert { () throws(TriageRulesError) -> E? in try inner.enumeration(key, required: required) }
    }

    func array(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(Failure) -> [JSONValue] {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.array(key, required: required, nonEmpty: nonEmpty) }
    }

    func strings(_ key: String, required: Bool = true, nonEmpty: Bool = true) throws(Failure) -> [String] {
        try SLAReader.convert { () throws(TriageRulesError) in try inner.strings(key, required: required, nonEmpty: nonEmpty) }
    }

    /// Parses UTF-8 JSON bytes, reporting a parse failure as `not_json` (or `duplicate` for a repeated key) at `$`.
    static func parseJSON<Bytes: Collection>(_ bytes: Bytes) throws(Failure) -> JSONValue where Bytes.Element == UInt8 {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            if error.kind == .duplicateKey {
                throw Failure(path: error.key, code: "duplicate", message: "key appears twice in one object (\(error.description))")
            }
            throw Failure(path: "$", code: "not_json", message: error.description)
        }
    }
}
