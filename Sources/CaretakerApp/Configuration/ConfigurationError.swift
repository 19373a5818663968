/// The configuration cannot be used: a value is invalid, or the configuration file is missing or
/// malformed.
///
/// `description` names the key, the environment variable that sets it and the problem. It quotes
/// the offending value only for keys that are not secret, so it is safe to print and log.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// A key's value has the wrong type or is out of range.
        case invalidValue = "invalid_value"
        /// A configuration file named explicitly (`--config FILE`) does not exist.
        case fileNotFound = "file_not_found"
        /// The configuration file exists but cannot be read or parsed.
        case invalidFile = "invalid_file"
    }

    /// What kind of problem it is.
    public var code: Code
    /// The full dotted key (for example `intake.batch_size`), when one key is at fault.
    public var key: String?
    /// The configuration file concerned, for file problems.
    public var file: String?
    /// What is wrong, in words ops can act on; never contains a secret.
    public var problem: String

    /// Creates an error about `key`.
    public init(key: String, problem: String) {
        self.code = .invalidValue
        self.key = key
        self.file = nil
        self.problem = problem
    }

    /// Creates an error about a configuration file.
    public init(_ code: Code, file: String, problem: String) {
        self.code = code
        self.key = nil
        self.file = file
        self.problem = problem
    }

    /// The environment variable that sets ``key`` (for example `CARETAKER_INTAKE_BATCH_SIZE`).
    public var environmentVariable: String? {
        key.map(CaretakerConfiguration.environmentVariable(forKey:))
    }

    /// `intake.batch_size (CARETAKER_INTAKE_BATCH_SIZE): must be between 1 and 10000, got 0`.
    public var description: String {
        if let key, let environmentVariable {
            return "\(key) (\(environmentVariable)): \(problem)"
        }
        return "configuration file \(file ?? "?"): \(problem)"
    }

    /// The same error with `scope` prepended to its key, as a component's error is reported by
    /// the configuration that contains it.
    func inScope(_ scope: String) -> ConfigurationError {
        var copy = self
        copy.key = key.map { "\(scope).\($0)" }
        return copy
    }
}
