import ArgumentParser
import CaretakerApp
import CaretakerStore
import Postgres

/// `caretaker migrate`: brings the database schema up to this build's, or reports how far it is.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations, or report the schema's status.",
        discussion: """
            Connects to postgres.url (CARETAKER_POSTGRES_URL) and applies every pending migration, \
            each in its own transaction under an advisory lock, so several instances may run it at \
            once. Prints one line per applied step: `applied VERSION NAME`. With --status, changes \
            nothing and prints one line per migration: `VERSION STATE NAME` with STATE applied, \
            pending, changed (edited after it ran) or unknown (from a newer build).

            Exit status: 0 done (or current); 1 --status and the schema is not current; 65 the \
            database's history conflicts with this build (a changed or unknown migration); 69 \
            PostgreSQL cannot be reached; 70 a migration's SQL failed (rolled back); 78 invalid \
            configuration.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Flag(name: .long, help: "Report applied, pending, changed and unknown migrations; change nothing.")
    var status = false

    func run() async throws {
        let configuration = try await options.load(command: "migrate")
        let target: PostgresConfiguration
        do {
            target = try configuration.postgres.postgresConfiguration(
                applicationName: "caretaker-migrate \(configuration.instance.name)")
        } catch {
            fail("postgres.url (CARETAKER_POSTGRES_URL) is invalid", ExitStatus.invalidConfiguration)
        }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(target, threadName: "migrate")
        } catch {
            // Both descriptions are deliberately free of the password.
            fail("cannot connect to PostgreSQL \(Self.describe(target)): \(error)", ExitStatus.unavailable)
        }
        let runner = MigrationRunner()
        let outcome: Result<Void, any Error>
        do {
            if status {
                try report(await runner.status(on: connection), runner: runner)
            } else {
                try await apply(runner, on: connection)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await connection.close()
        do {
            try outcome.get()
        } catch let error as MigrationError {
            fail(error.description, ExitStatus.schemaConflict)
        } catch let error as PostgresError where error.kind == .connection {
            fail("lost the connection to PostgreSQL \(Self.describe(target)): \(error)", ExitStatus.unavailable)
        } catch let error as PostgresError {
            fail("a migration failed and was rolled back: \(error)", ExitStatus.migrationFailed)
        }
    }

    private func apply(_ runner: MigrationRunner, on connection: PostgresConnection) async throws {
        let applied = try await runner.migrate(on: connection)
        for migration in applied {
            print("applied \(migration.version) \(migration.name)")
        }
        let latest = runner.migrations.last.map { "\($0.version) \($0.name)" } ?? "none"
        print(applied.isEmpty ? "schema is current (latest migration: \(latest))" : "schema is now current (latest migration: \(latest))")
    }

    private func report(_ schema: SchemaStatus, runner: MigrationRunner) throws {
        let changed = Set(schema.changed)
        let pending = Set(schema.pending.map(\.version))
        for migration in runner.migrations {
            let state = changed.contains(migration.version)
                ? "changed" : pending.contains(migration.version) ? "pending" : "applied"
            print("\(migration.version) \(state) \(migration.name)")
        }
        for version in schema.unknown {
            print("\(version) unknown ?")
        }
        if schema.isCurrent {
            print("schema is current")
            return
        }
        var problems: [String] = []
        if !schema.pending.isEmpty { problems.append("\(schema.pending.count) pending") }
        if !schema.changed.isEmpty { problems.append("\(schema.changed.count) changed") }
        if !schema.unknown.isEmpty { problems.append("\(schema.unknown.count) unknown") }
        print("schema is not current: \(problems.joined(separator: ", "))")
        throw ExitCode(ExitStatus.notCurrent)
    }

    private func fail(_ message: String, _ status: Int32) -> Never {
        StandardStreams.writeError("caretaker migrate: \(message)\n")
        Self.exit(withError: ExitCode(status))
    }

    /// `host:port/dbname as user`, never the password.
    private static func describe(_ configuration: PostgresConfiguration) -> String {
        let parameters = configuration.parameters
        let host = parameters["host"] ?? parameters["hostaddr"] ?? "localhost"
        let port = parameters["port"] ?? "5432"
        let database = parameters["dbname"] ?? parameters["user"] ?? "?"
        return "at \(host):\(port)/\(database) as \(parameters["user"] ?? "the current user")"
    }
}
