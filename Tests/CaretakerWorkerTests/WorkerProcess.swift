import CaretakerTestSupport
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One `caretaker run` process, started from the binary built with this test bundle, with a clean
/// environment (no inherited `CARETAKER_*`), an empty working folder (so no `config/caretaker.yaml`
/// is read) and its standard output and error appended to a log file.
///
/// Spawned with `posix_spawn` and reaped with `waitpid`, so the test can send any signal by pid
/// and read the exact exit status. A process still running when this object goes away is killed
/// with SIGKILL and reaped: no worker outlives its test.
final class WorkerProcess: Sendable {
    /// How a worker process ended.
    enum Termination: Equatable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// The process id.
    let pid: pid_t
    /// Where its standard output and error go.
    let logFile: URL
    private let folder: URL
    private let ended = Mutex<Termination?>(nil)

    /// Starts `caretaker ARGUMENTS` with `environment` added to the test's own environment
    /// (minus every `CARETAKER_*` variable).
    init(_ arguments: [String] = ["run"], environment: [String: String], name: String) throws {
        let binary = try TestServers.builtExecutable(named: "caretaker")
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("caretaker-worker-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        logFile = folder.appendingPathComponent("worker.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)

        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARETAKER_") }
        variables.merge(environment) { $1 }
        // bash changes into the empty folder, closes every descriptor the test process holds
        // open (database and broker sockets must not live on in the worker), then becomes the
        // worker: same pid, so signals reach caretaker itself.
        let script = """
            cd "$1" || exit 127
            for fd in /proc/$$/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null; done
            shift
            exec "$@"
            """
        let argv = ["/bin/bash", "-c", script, "bash", folder.path, binary.path] + arguments
        let envp = variables.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logFile.path, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)

        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = envp.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/bash", &actions, nil, &cArguments, &cEnvironment)
        guard status == 0 else { throw SpawnFailed(errno: status) }
        pid = child
    }

    deinit {
        kill(.kill)
        if ended.withLock({ $0 }) == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The signals tests send.
    enum Signal {
        case term, kill

        var number: Int32 {
            switch self {
            case .term: SIGTERM
            case .kill: SIGKILL
            }
        }
    }

    /// Sends `signal` unless the process has already been reaped (so a recycled pid is never hit).
    func kill(_ signal: Signal) {
        guard termination == nil else { return }
        _ = Glibc.kill(pid, signal.number)
    }

    /// How the process ended, or `nil` while it runs. Reaps it when it has ended.
    var termination: Termination? {
        ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let signal = status & 0x7f
            ended = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            return ended
        }
    }

    /// Whether the process is still running.
    var isRunning: Bool { termination == nil }

    /// Waits up to `timeout` for the process to end; `nil` if it is still running then.
    func waitForExit(timeout: Duration) async throws -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let termination { return termination }
            try await Task.sleep(for: .milliseconds(20))
        }
        return termination
    }

    /// Kills the process with SIGKILL if it still runs and waits for it: the cleanup path.
    func stop() async {
        kill(.kill)
        _ = try? await waitForExit(timeout: .seconds(10))
    }

    /// The log so far, one parsed JSON object per line (lines that are not JSON objects are kept
    /// under the key `"raw"`).
    func logLines() -> [[String: String]] {
        logText().split(separator: "\n").map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return ["raw": String(line)]
            }
            return object.compactMapValues { $0 as? String }
        }
    }

    /// Lines whose `message` is `message`.
    func logLines(message: String) -> [[String: String]] {
        logLines().filter { $0["message"] == message }
    }

    /// The last `count` lines of the log as text, for failure messages.
    func logTail(_ count: Int = 20) -> String {
        logText().split(separator: "\n").suffix(count).joined(separator: "\n")
    }

    /// The whole log so far (bytes that are not UTF-8 replaced, never an empty string instead).
    func logText() -> String {
        guard let data = FileManager.default.contents(atPath: logFile.path) else { return "(no log at \(logFile.path))" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits until the worker logged `message` at least `count` times; fails if the process ends
    /// first or `timeout` passes.
    func waitForLog(_ message: String, count: Int = 1, timeout: Duration) async throws {
        try await eventually("log line \"\(message)\" ×\(count)", timeout: timeout) {
            if let termination { throw WorkerEnded(termination: termination, log: logTail()) }
            return logLines(message: message).count >= count
        }
    }
}

/// `posix_spawn` refused to start the worker.
struct SpawnFailed: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { "posix_spawn failed: \(String(cString: strerror(errno)))" }
}

/// The worker ended while the test expected it to run.
struct WorkerEnded: Error, CustomStringConvertible {
    let termination: WorkerProcess.Termination
    let log: String
    var description: String { "the worker ended unexpectedly (\(termination)); last log lines:\n\(log)" }
}
