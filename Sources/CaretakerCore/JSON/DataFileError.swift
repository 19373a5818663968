/// Why a data file (triage rules, triage model, SLA policy, working-day calendar) was rejected:
/// where in the file and what is wrong; or why a deadline needs a calendar that is not loaded.
///
/// `TriageRulesError`, `SLAPolicyError` and `CalendarError` are this type: every data file is
/// read by the same `JSONFieldReader` and reports in the same `path: problem: message` form.
/// `yearNotCovered` is the one a running system meets: a working-day deadline reached a year for
/// which no calendar file is loaded. Caretaker never guesses the holidays of such a year.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
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
        /// A value is not one of the allowed names (department, kind, state, weekday…).
        case unknownValue = "unknown_value"
        /// A key, a category code, an id, a timer code, a date or a calendar year is repeated.
        case duplicate
        /// A string or list that must not be empty is empty.
        case empty
        /// A number is outside its range.
        case outOfRange = "out_of_range"
        /// A duration is not written as `<n><unit>` with a known unit (`0`, `30s`, `15min`, `2h`, `3d`, `1mo`).
        case invalidDuration = "invalid_duration"
        /// Escalation steps are not in increasing level and time order, or do not start at `0`.
        case order
        /// Two keys contradict each other (`budget` with `due_at`, a holiday range that ends before it starts…).
        case conflict
        /// A date is not `YYYY-MM-DD`, not a real date, or not in the file's year.
        case invalidDate = "invalid_date"
        /// A deadline needs a year no loaded calendar covers; `year` says which.
        case yearNotCovered = "year_not_covered"
    }

    /// Where the problem is, e.g. `timers[3].escalation[1].after`; `$` is the whole file.
    public var path: String
    /// What is wrong.
    public var problem: Problem
    /// A sentence for people; never contains resident data (the files hold none).
    public var message: String
    /// The year that has no calendar (`yearNotCovered` only).
    public var year: Int?

    /// Creates an error.
    public init(path: String, problem: Problem, message: String, year: Int? = nil) {
        self.path = path
        self.problem = problem
        self.message = message
        self.year = year
    }

    /// A deadline needs `year`, for which no calendar is loaded.
    public static func yearNotCovered(_ year: Int) -> DataFileError {
        DataFileError(path: "$", problem: .yearNotCovered,
                      message: "no working-day calendar is loaded for \(year); add config/calendars/cn-\(year).json", year: year)
    }

    /// `path: problem: message`.
    public var description: String { "\(path): \(problem.rawValue): \(message)" }
}

/// Why a rules file (or a model file) was rejected: where in the file and what is wrong.
public typealias TriageRulesError = DataFileError

/// Why an SLA policy file was rejected: where in the file and what is wrong.
public typealias SLAPolicyError = DataFileError

/// Why a working-day calendar file was rejected, or why a deadline could not be computed.
public typealias CalendarError = DataFileError
