import Configuration
import Foundation

extension CaretakerConfiguration {
    /// The configuration file read when none is named, relative to the working directory.
    public static let defaultFilePath = "config/caretaker.yaml"

    /// The prefix of every environment variable Caretaker reads.
    public static let environmentPrefix = "CARETAKER"

    /// The keys whose values are secret: redacted by swift-configuration's access reporters and
    /// provider descriptions, and masked by ``redactedLines``.
    public static let secretKeys: Set<String> = ["amqp.url", "amqp.urls", "amqp.password", "postgres.url", "postgres.password"]

    /// The environment variable systemd sets to the folder of the unit's `LoadCredential=` files.
    public static let credentialsDirectoryVariable = "CREDENTIALS_DIRECTORY"

    /// The environment variable for a dotted key: `intake.batch_size` → `CARETAKER_INTAKE_BATCH_SIZE`,
    /// `amqp.tls.ca_file` → `CARETAKER_AMQP_TLS_CA_FILE`.
    public static func environmentVariable(forKey key: String) -> String {
        let name = key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return "\(environmentPrefix)_\(name)"
    }

    /// Loads, merges and validates the configuration.
    ///
    /// - Parameters:
    ///   - configFile: a YAML file that must exist (`--config FILE`), or `nil` for
    ///     ``defaultConfigFile``, which may be missing. Relative data paths in it (rules, model,
    ///     SLA policy, calendars) are read from that file's folder (``dataDirectory(configFile:)``).
    ///   - environment: the environment variables to read (the process's by default).
    ///   - accessReporter: receives every read, secrets flagged (e.g. swift-configuration's
    ///     `AccessLogger`, which redacts them).
    /// - Throws: ``ConfigurationError``: the named file is missing, a file is not valid YAML, or a
    ///   value is invalid.
    public static func load(
        configFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        accessReporter: (any AccessReporter)? = nil
    ) async throws(ConfigurationError) -> CaretakerConfiguration {
        try CaretakerConfiguration(
            config: await reader(configFile: configFile, environment: environment, accessReporter: accessReporter))
            .resolvingDataPaths(in: dataDirectory(configFile: configFile))
    }

    /// The provider chain, highest precedence first: `CARETAKER_*` environment variables, the
    /// systemd credentials in `$CREDENTIALS_DIRECTORY` (one file per key, `amqp-password` for
    /// `amqp.password`), the YAML file, the built-in defaults. Components can read their own
    /// sections from it.
    ///
    /// - Throws: ``ConfigurationError`` when the named file is missing, a file is not valid YAML,
    ///   the credentials folder cannot be read, or the YAML file holds a password (passwords come
    ///   from credentials, `password_file` or the environment, never from the YAML file).
    public static func reader(
        configFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        accessReporter: (any AccessReporter)? = nil
    ) async throws(ConfigurationError) -> ConfigReader {
        let path = configFile ?? defaultConfigFile
        let environmentProvider = EnvironmentVariablesProvider(
            environmentVariables: environment,
            secretsSpecifier: .specific(Set(secretKeys.map(environmentVariable(forKey:))))
        ).prefixKeys(with: ConfigKey(environmentPrefix.lowercased()))
        let fileProvider: FileProvider<YAMLSnapshot>
        do {
            fileProvider = try await FileProvider<YAMLSnapshot>(
                parsingOptions: .init(secretsSpecifier: .specific(secretKeys)),
                filePath: .init(path),
                allowMissing: configFile == nil)
        } catch {
            throw fileError(error, path: path)
        }
        try refuseSecrets(in: ConfigReader(provider: fileProvider), path: path)
        var providers: [any ConfigProvider] = [environmentProvider]
        if let credentials = environment[credentialsDirectoryVariable], !credentials.isEmpty {
            do {
                providers.append(try await DirectoryFilesProvider(directoryPath: .init(credentials)))
            } catch {
                throw ConfigurationError(.invalidFile, file: credentials, problem: "(the systemd credentials folder) cannot be read")
            }
        }
        providers += [fileProvider, defaultsProvider()]
        return ConfigReader(providers: providers, accessReporter: accessReporter)
    }

    /// Refuses a YAML file that holds a password: in a URL, or as a `password` key.
    private static func refuseSecrets(in file: ConfigReader, path: String) throws(ConfigurationError) {
        for section in ["amqp", "postgres"] {
            if let url = file.string(forKey: ConfigKey("\(section).url"), isSecret: true),
               SecretRedaction.containsPassword(inURL: url) {
                throw ConfigurationError(
                    key: "\(section).url",
                    problem: "holds a password in the configuration file \(path); remove it and use the systemd credential \(section)-password, \(section).password_file or CARETAKER_\(section.uppercased())_PASSWORD")
            }
            if let urls = file.stringArray(forKey: ConfigKey("\(section).urls"), isSecret: true),
               urls.contains(where: SecretRedaction.containsPassword(inURL:)) {
                throw ConfigurationError(
                    key: "\(section).urls",
                    problem: "holds a password in the configuration file \(path); remove it and use the systemd credential \(section)-password, \(section).password_file or CARETAKER_\(section.uppercased())_PASSWORD")
            }
            if file.string(forKey: ConfigKey("\(section).password"), isSecret: true) != nil {
                throw ConfigurationError(
                    key: "\(section).password",
                    problem: "must not be written in the configuration file \(path); use the systemd credential \(section)-password or \(section).password_file")
            }
        }
    }

    /// The built-in defaults as a provider: the values of `CaretakerConfiguration()`, with
    /// `instance.name` set to `instanceName`.
    public static func defaultsProvider(instanceName: String = InstanceConfiguration.hostName) -> InMemoryProvider {
        let defaults = CaretakerConfiguration(instance: InstanceConfiguration(name: instanceName))
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for entry in defaults.entries {
            guard let value = entry.value else { continue }
            let key = AbsoluteConfigKey(entry.key.split(separator: ".").map(String.init))
            values[key] = ConfigValue(value, isSecret: entry.isSecret)
        }
        return InMemoryProvider(name: "defaults", values: values)
    }

    /// Turns a provider's failure into a message that names the file but quotes none of its content.
    private static func fileError(_ error: any Error, path: String) -> ConfigurationError {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return ConfigurationError(.fileNotFound, file: path, problem: "does not exist")
        }
        if isDirectory.boolValue {
            return ConfigurationError(.invalidFile, file: path, problem: "is a directory")
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            return ConfigurationError(.invalidFile, file: path, problem: "is not readable")
        }
        // Yams' messages quote the offending line, which may hold a password: keep only the
        // position it reports.
        let text = String(describing: error)
        if let position = text.firstMatch(of: /(\d+):(\d+)/) {
            return ConfigurationError(
                .invalidFile, file: path,
                problem: "is not valid YAML (line \(position.output.1), column \(position.output.2)); every section must be a mapping of keys to scalar values")
        }
        return ConfigurationError(.invalidFile, file: path, problem: "is not valid YAML or not a mapping of sections to keys")
    }
}
