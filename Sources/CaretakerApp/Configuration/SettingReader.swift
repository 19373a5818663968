import Configuration

/// Reads one component's keys with swift-configuration's `required…` accessors and turns every
/// failure into a ``ConfigurationError`` that names the key.
///
/// The `required…` accessors are used deliberately: the `default:` variants silently fall back to
/// the default when a value does not convert (`CARETAKER_INTAKE_BATCH_SIZE=ten` would quietly mean
/// 128), whereas here it is an error. Defaults come from the last provider in the chain
/// (``CaretakerConfiguration/defaultsProvider(instanceName:)``), so a missing key never happens in
/// a chain built by ``CaretakerConfiguration/reader(configFile:environment:accessReporter:)``.
struct SettingReader {
    let config: ConfigReader

    private func key(_ name: String) -> ConfigKey { ConfigKey(name) }

    func int(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let value: Int
        do {
            value = try config.requiredInt(forKey: key(name))
        } catch {
            throw ConfigurationError(key: name, problem: "is missing or not an integer")
        }
        guard range.contains(value) else {
            throw ConfigurationError(
                key: name, problem: "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    func seconds(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Duration {
        .seconds(try int(name, in: range))
    }

    func milliseconds(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Duration {
        .milliseconds(try int(name, in: range))
    }

    func positiveDouble(_ name: String) throws(ConfigurationError) -> Double {
        let value: Double
        do {
            value = try config.requiredDouble(forKey: key(name))
        } catch {
            throw ConfigurationError(key: name, problem: "is missing or not a number")
        }
        guard value > 0, value.isFinite else {
            throw ConfigurationError(key: name, problem: "must be a number greater than 0, got \(value)")
        }
        return value
    }

    /// A non-empty string of at most `maxBytes` UTF-8 bytes without control characters.
    /// A secret's value is never quoted in the error.
    func string(_ name: String, isSecret: Bool = false, maxBytes: Int = 4096) throws(ConfigurationError) -> String {
        let value: String
        do {
            value = try config.requiredString(forKey: key(name), isSecret: isSecret)
        } catch {
            throw ConfigurationError(key: name, problem: "is missing or not a string")
        }
        try Self.checkText(value, name: name, maxBytes: maxBytes)
        return value
    }

    /// A string that may be absent; an empty value counts as absent.
    func optionalString(_ name: String, maxBytes: Int = 4096) throws(ConfigurationError) -> String? {
        guard let value = config.string(forKey: key(name)), !value.isEmpty else { return nil }
        try Self.checkText(value, name: name, maxBytes: maxBytes)
        return value
    }

    /// One of `T`'s raw values, compared case-insensitively.
    func choice<T: RawRepresentable<String> & CaseIterable>(_ name: String, as type: T.Type) throws(ConfigurationError) -> T {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        let text: String
        do {
            text = try config.requiredString(forKey: key(name))
        } catch {
            throw ConfigurationError(key: name, problem: "is missing; must be one of \(allowed)")
        }
        guard let value = T(rawValue: text.lowercased()) else {
            throw ConfigurationError(key: name, problem: "must be one of \(allowed), got \"\(Self.printable(text))\"")
        }
        return value
    }

    private static func checkText(_ value: String, name: String, maxBytes: Int) throws(ConfigurationError) {
        guard !value.isEmpty else { throw ConfigurationError(key: name, problem: "must not be empty") }
        guard value.utf8.count <= maxBytes else {
            throw ConfigurationError(key: name, problem: "must be at most \(maxBytes) bytes long")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ConfigurationError(key: name, problem: "must not contain control characters")
        }
    }

    /// A non-secret value shortened for an error message.
    static func printable(_ text: String) -> String {
        let clean = String(text.unicodeScalars.filter { $0.properties.generalCategory != .control })
        return clean.count > 64 ? String(clean.prefix(64)) + "…" : clean
    }
}
