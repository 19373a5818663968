import ArgumentParser
import CaretakerApp

/// `--config FILE`, shared by every command that reads the worker configuration.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The YAML configuration file (default: config/caretaker.yaml if it exists, else /etc/caretaker/caretaker.yaml). Relative data paths in it are read from its folder; CARETAKER_* environment variables override it.",
            valueName: "FILE"))
    var config: String?

    /// Loads the configuration, or prints why it is invalid and exits with 78 (EX_CONFIG).
    func load(command: String) async throws -> CaretakerConfiguration {
        do {
            return try await CaretakerConfiguration.load(configFile: config)
        } catch {
            StandardStreams.writeError("caretaker \(command): invalid configuration: \(error)\n")
            throw ExitCode(ExitStatus.invalidConfiguration)
        }
    }
}

/// The exit statuses the commands share (sysexits.h values where one fits).
enum ExitStatus {
    /// `--status`: the schema is not current.
    static let notCurrent: Int32 = 1
    /// EX_DATAERR: the database's schema history conflicts with this build.
    static let schemaConflict: Int32 = 65
    /// EX_UNAVAILABLE: PostgreSQL cannot be reached.
    static let unavailable: Int32 = 69
    /// EX_SOFTWARE: a migration's SQL failed (rolled back).
    static let migrationFailed: Int32 = 70
    /// EX_CONFIG: the configuration is invalid.
    static let invalidConfiguration: Int32 = 78
}
