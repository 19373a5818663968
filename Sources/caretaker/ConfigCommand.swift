import ArgumentParser
import CaretakerApp
import CaretakerCore
import Foundation

/// `caretaker config`: inspects the worker configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the worker configuration.",
        subcommands: [Print.self, Check.self]
    )

    /// `caretaker config print`: the effective configuration, secrets masked.
    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print the effective configuration with secrets masked.",
            discussion: """
                Prints one `key: value` line per key after merging CARETAKER_* environment \
                variables, the configuration file and the built-in defaults, with the password of \
                every URL replaced by <redacted>. Exit status: 0 valid, 78 invalid configuration \
                (the key and the problem are named on stderr).
                """
        )

        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let configuration = try await options.load(command: "config print")
            print(configuration.redactedLines.joined(separator: "\n"))
        }
    }

    /// `caretaker config check`: validates everything a worker loads at start-up, without
    /// connecting to anything.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate the configuration, triage rules, SLA policy, calendars and authorization file.",
            discussion: """
                Loads the configuration as `caretaker run` would (CARETAKER_* environment \
                variables, systemd credentials in $CREDENTIALS_DIRECTORY, the configuration file, \
                the built-in defaults), then the triage rules file, the SLA policy, the \
                working-day calendars and the authorization file it names. Connects to nothing. A key no setting reads (a \
                typo) is reported as a warning on stderr, with the closest known key. A password written in the \
                configuration file is an error. Exit status: 0 and a short summary when all is \
                well; 78 (EX_CONFIG) with every problem found on stderr otherwise.
                """
        )

        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let configuration = try await options.load(command: "config check")
            var problems: [String] = []
            var summary = ["configuration: ok (\(options.config ?? CaretakerConfiguration.defaultConfigFile))"]
            do {
                let classifier = try configuration.triage.loadClassifier()
                summary.append("triage rules: version \(classifier.rules.version) (\(configuration.triage.rulesFile))")
                summary.append("triage model: version \(classifier.model?.version ?? "none") (\(configuration.triage.modelFile))")
            } catch {
                problems.append("triage rules: \(error)")
            }
            do {
                let timekeeper = try SLAFiles(configuration: configuration.sla).loadTimekeeper()
                let years = timekeeper.planner.calendars.years.map(String.init).joined(separator: ", ")
                summary.append("SLA policy: version \(timekeeper.planner.policy.version) (\(configuration.sla.policyFile))")
                summary.append("calendars: \(years) (\(configuration.sla.calendarsDirectory))")
            } catch {
                problems.append("SLA policy or calendars: \(error)")
            }
            do {
                let policy = try AuthorizationFile(path: configuration.authorization.file).load()
                summary.append("authorization: \(policy.parties.count) parties, \(policy.actions.count) commands, "
                    + "mode \(configuration.authorization.mode.rawValue) (\(configuration.authorization.file))")
            } catch {
                problems.append("\(error)")
            }
            guard problems.isEmpty else {
                for problem in problems {
                    StandardStreams.writeError("caretaker config check: \(problem)\n")
                }
                throw ExitCode(ExitStatus.invalidConfiguration)
            }
            print(summary.joined(separator: "\n"))
            let file = options.config ?? CaretakerConfiguration.defaultConfigFile
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                for finding in UnknownConfigurationKeys.find(in: text) {
                    StandardStreams.writeError("caretaker config check: warning: \(file) \(finding) — it is ignored\n")
                }
            }
        }
    }
}
