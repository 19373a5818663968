import Foundation

/// `--name value` options of one subcommand; unknown names and missing values end the program
/// with usage status 64.
struct BenchOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments`; `valued` names take a value, `switches` stand alone.
    init(_ arguments: [String], valued: Set<String>, switches: Set<String> = []) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if switches.contains(name) {
                flags.insert(name)
                index += 1
            } else if valued.contains(name), index + 1 < arguments.count {
                values[name] = arguments[index + 1]
                index += 2
            } else {
                print("caretaker-bench: unknown option or missing value: \(name)")
                exit(64)
            }
        }
    }

    /// Whether the switch `name` was given.
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// The integer value of `name`, or `fallback`.
    func int(_ name: String, _ fallback: Int) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
            print("caretaker-bench: \(name) needs a positive whole number, got \(text)")
            exit(64)
        }
        return value
    }

    /// The numeric value of `name`, or `fallback`.
    func double(_ name: String, _ fallback: Double) -> Double {
        guard let text = values[name] else { return fallback }
        guard let value = Double(text), value >= 0 else {
            print("caretaker-bench: \(name) needs a non-negative number, got \(text)")
            exit(64)
        }
        return value
    }
}
