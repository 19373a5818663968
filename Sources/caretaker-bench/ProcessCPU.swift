import Foundation

/// CPU time (user + system) of the processes doing a benchmark's work, read from `/proc`: this
/// process (the worker), every PostgreSQL process (the postmaster and all its children: backends,
/// WAL writer, checkpointer…) and the RabbitMQ node (`beam.smp`). Seconds per 1,000 reports do
/// not depend on how busy the machine is, unlike a rate.
struct ProcessCPU {
    /// CPU seconds used so far by each process group.
    struct Sample {
        var worker: Double
        var postgres: Double
        var rabbitmq: Double

        /// What was used between `earlier` and this sample.
        func since(_ earlier: Sample) -> Sample {
            Sample(worker: worker - earlier.worker, postgres: postgres - earlier.postgres,
                   rabbitmq: rabbitmq - earlier.rabbitmq)
        }

        /// The three together.
        var total: Double { worker + postgres + rabbitmq }
    }

    let postmaster: Int32?
    let broker: Int32?

    /// Finds the servers `scripts/services` started (their pid files under the local directory).
    static func locate() -> ProcessCPU {
        let local = ProcessInfo.processInfo.environment["CARETAKER_LOCAL_DIR"]
            ?? BenchEnvironment.repositoryRoot.appendingPathComponent(".local").path
        return ProcessCPU(postmaster: firstNumber(in: local + "/postgres/data/postmaster.pid"),
                          broker: firstNumber(in: local + "/rabbitmq/rabbitmq.pid"))
    }

    /// Whether both servers were found (otherwise their figures read 0 and say so).
    var describesServers: String {
        "PostgreSQL postmaster \(postmaster.map(String.init) ?? "not found"), RabbitMQ beam.smp \(broker.map(String.init) ?? "not found")"
    }

    /// CPU seconds so far.
    func sample() -> Sample {
        var postgres = 0.0
        if let postmaster {
            // The postmaster's own time plus what its reaped children (backends that ended) used,
            // plus the children still running.
            postgres = Self.seconds(of: postmaster, includingReapedChildren: true)
            for child in Self.children(of: postmaster) { postgres += Self.seconds(of: child) }
        }
        return Sample(worker: Self.seconds(of: getpid()), postgres: postgres,
                      rabbitmq: broker.map { Self.seconds(of: $0) } ?? 0)
    }

    /// `name: W worker + P PostgreSQL + R RabbitMQ = T CPU s per 1,000 reports`.
    static func line(_ name: String, _ used: Sample, reports: Int) -> String {
        let per = 1000 / Double(max(1, reports))
        return name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(
            format: "%6.3f worker + %6.3f PostgreSQL + %6.3f RabbitMQ = %6.3f CPU s per 1,000 reports",
            used.worker * per, used.postgres * per, used.rabbitmq * per, used.total * per)
    }

    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// utime + stime of `pid` (fields 14 and 15 of /proc/PID/stat), and cutime + cstime (16, 17:
    /// children it waited for) when asked, in seconds; 0 when gone.
    static func seconds(of pid: Int32, includingReapedChildren: Bool = false) -> Double {
        guard let fields = statFields(pid), fields.count > 14 else { return 0 }
        let used = (includingReapedChildren ? 11...14 : 11...12).compactMap { Double(fields[$0]) }.reduce(0, +)
        return used / ticksPerSecond
    }

    /// The fields after the command name (which may hold spaces) of /proc/PID/stat: index 0 is
    /// the state, 1 the parent pid, 11 utime, 12 stime.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    private static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            statFields(pid).flatMap { $0.count > 1 ? Int32($0[1]) : nil } == parent
        }
    }

    private static func firstNumber(in file: String) -> Int32? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }
}
