/// Why a working-day calendar file was rejected, or why a deadline could not be computed.
///
/// `yearNotCovered` is the one a running system meets: a working-day deadline reached a year for
/// which no calendar file is loaded. Caretaker never guesses the holidays of such a year.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible, SLAFileError {
    /// Machine-readable problem codes.
    public enum Problem: String, Sendable, Equatable, CaseIterable {
        /// A deadline needs a year no loaded calendar covers; `year` says which.
        case yearNotCovered = "year_not_covered"
        /// The file is not JSON (or not UTF-8).
        case notJSON = "not_json"
        /// A required key is absent.
        case missing
        /// A key this version does not know.
        case unknownKey = "unknown_key"
        /// A value has the wrong JSON type.
        case wrongType = "wrong_type"
        /// A value is not one of the allowed names (weekday).
        case unknownValue = "unknown_value"
        /// A date or a year appears twice (or two files cover the same year).
        case duplicate
        /// A string or list that must not be empty is empty.
        case empty
        /// A number is outside its range.
        case outOfRange = "out_of_range"
        /// A date is not `YYYY-MM-DD`, not a real date, or not in the file's year.
        case invalidDate = "invalid_date"
        /// A holiday range ends before it starts, or a date is both a holiday and a make-up working day.
        case conflict
    }

    /// Where the problem is (e.g. `holidays[2].to`), or `$` for `yearNotCovered`.
    public var path: String
    /// What is wrong.
    public var problem: Problem
    /// A sentence for people.
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

    init(path: String, code: String, message: String) {
        self.init(path: path, problem: Problem(rawValue: code) ?? .wrongType, message: message)
    }

    /// A deadline needs `year`, for which no calendar is loaded.
    public static func yearNotCovered(_ year: Int) -> CalendarError {
        CalendarError(path: "$", problem: .yearNotCovered,
                      message: "no working-day calendar is loaded for \(year); add config/calendars/cn-\(year).json", year: year)
    }

    /// `path: problem: message`.
    public var description: String { "\(path): \(problem.rawValue): \(message)" }
}
