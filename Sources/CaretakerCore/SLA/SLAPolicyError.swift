/// Why an SLA policy file was rejected: where in the file and what is wrong.
public struct SLAPolicyError: Error, Sendable, Equatable, CustomStringConvertible, SLAFileError {
    /// Machine-readable problem codes.
    public enum Problem: String, Sendable, Equatable, CaseIterable {
        /// The file is not JSON (or not UTF-8).
        case notJSON = "not_json"
        /// A required key is absent.
        case missing
        /// A key this version does not know (usually a typo).
        case unknownKey = "unknown_key"
        /// A value has the wrong JSON type.
        case wrongType = "wrong_type"
        /// A value is not one of the allowed names (kind, state, command, clock…).
        case unknownValue = "unknown_value"
        /// A timer code is repeated.
        case duplicate
        /// A string or list that must not be empty is empty.
        case empty
        /// A number is outside its range.
        case outOfRange = "out_of_range"
        /// A duration is not written as `<n><unit>` with a known unit (`0`, `30s`, `15min`, `2h`, `3d`, `1mo`).
        case invalidDuration = "invalid_duration"
        /// Escalation steps are not in increasing level and time order, or do not start at `0`.
        case order
        /// Two keys contradict each other (`budget` with `due_at`, a priority on a complaint timer…).
        case conflict
    }

    /// Where the problem is, e.g. `timers[3].escalation[1].after`; `$` is the whole file.
    public var path: String
    /// What is wrong.
    public var problem: Problem
    /// A sentence for people; never contains resident data (the file holds none).
    public var message: String

    /// Creates an error.
    public init(path: String, problem: Problem, message: String) {
        self.path = path
        self.problem = problem
        self.message = message
    }

    init(path: String, code: String, message: String) {
        self.init(path: path, problem: Problem(rawValue: code) ?? .wrongType, message: message)
    }

    /// `path: problem: message`.
    public var description: String { "\(path): \(problem.rawValue): \(message)" }
}
