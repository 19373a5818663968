import CaretakerCore
import Foundation

// caretaker-bench SUBCOMMAND [options]: one case per benchmark; add new ones to the switch.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "classify":
    ClassifyBenchmark.run(arguments: Array(arguments.dropFirst()))
case "pipeline":
    await PipelineBenchmark.run(arguments: Array(arguments.dropFirst()))
case "latency":
    await LatencyBenchmark.run(arguments: Array(arguments.dropFirst()))
case "timers":
    await TimerBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
    print("""
        usage: caretaker-bench classify [--seconds N] [--rules PATH]
               caretaker-bench pipeline [--messages N] [--skip-baseline] [TUNING]
               caretaker-bench latency [--rate R] [--seconds S] [--warmup S] [TUNING]
               caretaker-bench timers [--pending N] [--due-rate R] [--seconds S] [--instances K] [--backlog B]
                                      [--batch-size B] [--max-rate F] [--poll-ms P] [--policy FILE] [--calendars DIR]
        TUNING: [--batch-size B] [--prefetch P] [--linger-ms L] [--relay-batch R]

        classify   single-thread classification rate over a built-in mix of messages
        pipeline   end-to-end throughput of the in-process worker over N preloaded messages
                   (intake → case committed → events confirmed → ack), against a bare
                   consumer's consume+ack rate of the same N messages in a quorum queue
        latency    publish → case.created on caretaker.events.customer_service at a fixed rate
        timers     SLA timer firing lag (p50/p99 after due_at) and rate among N pending timers
                   (default 1,000,000; R = 200/s fall due for S = 30 s; K = 2 schedulers), against
                   fireDue with no cap and a bare SKIP LOCKED claim loop; PostgreSQL only

        pipeline and latency create their own database and RabbitMQ virtual host (removed
        afterwards), or use CARETAKER_BENCH_POSTGRES_URL and CARETAKER_BENCH_AMQP_URL.
        """)
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 64)
}
