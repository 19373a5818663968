import ArgumentParser
import CaretakerApp
import CaretakerMessaging

/// `caretaker-bench SUBCOMMAND [options]`: one subcommand per benchmark. Benchmarks print
/// figures (rates as ratios to a baseline measured in the same run); they never run as tests.
@main
struct CaretakerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caretaker-bench",
        abstract: "Caretaker's benchmarks: classification, the write path, latency and SLA timers.",
        discussion: """
            pipeline and latency create their own database and RabbitMQ virtual host (removed \
            afterwards), or use CARETAKER_BENCH_POSTGRES_URL and CARETAKER_BENCH_AMQP_URL.
            """,
        subcommands: [Classify.self, Pipeline.self, Latency.self, Timers.self])

    /// `caretaker-bench classify`.
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Single-thread classification rate over a built-in mix of messages.")

        @Option(help: "Seconds of the main phase (the others take a fraction).")
        var seconds: Double = 3

        @Option(help: "The triage rules file.")
        var rules: String = TriageRulesFile.defaultPath

        @Option(help: "The triage model file.")
        var model: String = "config/" + TriageConfiguration.defaultModelFile

        func run() {
            ClassifyBenchmark.run(seconds: seconds, rulesPath: rules, modelPath: model)
        }
    }

    /// `caretaker-bench pipeline`.
    struct Pipeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End-to-end throughput of the in-process worker over N preloaded messages.",
            discussion: """
                intake → case committed → events confirmed → ack, against a bare consumer's \
                consume+ack rate of the same N messages in a quorum queue.
                """)

        @Option(help: "Messages preloaded into the intake queue.")
        var messages: Int = 50_000

        @Flag(help: "Skip the bare consume+ack baseline.")
        var skipBaseline = false

        @Option(name: .customLong("reference-messages"),
                help: "Reports the simple reference worker drains (0 skips it; default: the smaller of N and 5,000).")
        var referenceMessages: Int?

        @OptionGroup var tuning: WorkerTuning

        func run() async {
            await PipelineBenchmark.run(count: messages, tuning: tuning, baseline: !skipBaseline,
                                        referenceCount: referenceMessages ?? min(messages, 5_000))
        }
    }

    /// `caretaker-bench latency`.
    struct Latency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish → case.created on caretaker.events.customer_service at a fixed rate.")

        @Option(help: "Messages offered per second.")
        var rate: Int = 1_000

        @Option(help: "Seconds measured.")
        var seconds: Double = 10

        @Option(help: "Seconds of warm-up before measuring (not counted).")
        var warmup: Double = 1

        @OptionGroup var tuning: WorkerTuning

        func run() async {
            await LatencyBenchmark.run(rate: rate, seconds: seconds, warmup: warmup, tuning: tuning)
        }
    }

    /// `caretaker-bench timers`.
    struct Timers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SLA timer firing lag (p50/p99 after due_at) and rate among N pending timers.",
            discussion: """
                R timers a second fall due for S seconds among N pending, fired by K schedulers; \
                then fireDue with no cap and a bare SKIP LOCKED claim loop. PostgreSQL only.
                """)

        @Option(help: "Pending timers loaded.")
        var pending: Int = 1_000_000

        @Option(name: .customLong("due-rate"), help: "Timers falling due per second in the measured window.")
        var dueRate: Int = 200

        @Option(help: "Seconds of the measured window.")
        var seconds: Int = 30

        @Option(help: "Schedulers (worker instances).")
        var instances: Int = 2

        @Option(help: "Due timers in each capacity phase.")
        var backlog: Int = 20_000

        @Option(name: .customLong("batch-size"), help: "Timers per firing transaction.")
        var batchSize: Int = 50

        @Option(name: .customLong("max-rate"), help: "Most firings per second per scheduler.")
        var maxRate: Double = 500

        @Option(name: .customLong("poll-ms"), help: "Scheduler poll interval in milliseconds.")
        var pollMilliseconds: Int = 250

        @Option(help: "The SLA policy file (default: the repository's).")
        var policy: String?

        @Option(help: "The calendars directory (default: the repository's).")
        var calendars: String?

        func validate() throws {
            guard dueRate * seconds + 2 * backlog <= pending else {
                throw ValidationError("--pending must hold due-rate × seconds + 2 × backlog timers")
            }
        }

        func run() async {
            let plan = TimerBenchmark.Plan(
                pending: pending, rate: dueRate, seconds: seconds, instances: instances, backlog: backlog,
                settings: TimerScheduler.Settings(
                    batchSize: batchSize, maximumFiresPerSecond: maxRate, pollInterval: .milliseconds(pollMilliseconds)))
            await TimerBenchmark.run(plan, policyFile: policy, calendars: calendars)
        }
    }
}
