/// Why a rules file was rejected: where in the file and what is wrong.
public struct TriageRulesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Machine-readable problem codes.
    public enum Problem: String, Sendable, Equatable {
        /// The file is not JSON (or not UTF-8).
        case notJSON = "not_json"
        /// A required key is absent.
        case missing
        /// A key this version does not know (usually a typo).
        case unknownKey = "unknown_key"
        /// A value has the wrong JSON type.
        case wrongType = "wrong_type"
        /// A value is not one of the allowed names (department, kind, severity…).
        case unknownValue = "unknown_value"
        /// Two categories share a code, or an id is repeated.
        case duplicate
        /// A string or list that must not be empty is empty.
        case empty
        /// A number is outside its range.
        case outOfRange = "out_of_range"
    }

    /// Where the problem is, e.g. `categories[3].keywords["漏水"]`; `$` is the whole file.
    public var path: String
    /// What is wrong.
    public var problem: Problem
    /// A sentence for people.
    public var message: String

    /// Creates an error.
    public init(path: String, problem: Problem, message: String) {
        self.path = path
        self.problem = problem
        self.message = message
    }

    /// `path: problem: message`.
    public var description: String {
        "\(path): \(problem.rawValue): \(message)"
    }
}
