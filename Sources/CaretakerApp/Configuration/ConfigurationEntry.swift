import Configuration

/// One key of a configuration and its value: what `caretaker config print` shows, and what the
/// built-in defaults provider serves.
public struct ConfigurationEntry: Sendable, Equatable {
    /// The dotted key, for example `intake.batch_size`.
    public var key: String
    /// The value; `nil` for an optional key that is not set.
    public var value: ConfigContent?
    /// Whether the value must never be shown (it may hold a password).
    public var isSecret: Bool

    /// Creates an entry.
    public init(_ key: String, _ value: ConfigContent?, isSecret: Bool = false) {
        self.key = key
        self.value = value
        self.isSecret = isSecret
    }

    /// The environment variable that overrides this key.
    public var environmentVariable: String {
        CaretakerConfiguration.environmentVariable(forKey: key)
    }

    /// The value as YAML-compatible text: strings quoted, secrets with their password masked
    /// (`amqp://guest:<redacted>@…`), `null` when unset.
    public var redactedValue: String {
        guard let value else { return "null" }
        switch value {
        case .string(let text):
            return Self.quoted(isSecret ? SecretRedaction.maskingPassword(inURL: text) : text)
        case .stringArray(let texts):
            return "[" + texts.map { Self.quoted(isSecret ? SecretRedaction.maskingPassword(inURL: $0) : $0) }
                .joined(separator: ", ") + "]"
        case _ where isSecret:
            return Self.quoted(SecretRedaction.placeholder)
        case .int(let number):
            return String(number)
        case .double(let number):
            return String(number)
        case .bool(let flag):
            return String(flag)
        default:
            return Self.quoted(SecretRedaction.placeholder)
        }
    }

    /// The same entry with `scope` prepended to its key.
    func inScope(_ scope: String) -> ConfigurationEntry {
        ConfigurationEntry("\(scope).\(key)", value, isSecret: isSecret)
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
