import CaretakerCore
import Foundation

// caretaker-bench SUBCOMMAND [options]: one case per benchmark; add new ones to the switch.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "classify":
    ClassifyBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
    print("""
        usage: caretaker-bench classify [--seconds N] [--rules PATH]

        classify   single-thread classification rate over a built-in mix of messages
        """)
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 64)
}
