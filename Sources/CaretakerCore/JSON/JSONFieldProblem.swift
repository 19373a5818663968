/// What is wrong with one field of a JSON document, before a domain words it.
///
/// `JSONFieldReader` finds the problem; the caller's `JSONFieldFailure` type turns it into its own
/// error with its own codes and sentences, so data files and inbound messages keep their wording.
enum JSONFieldProblem: Sendable, Equatable {
    /// The JSON type a field was expected to have.
    enum Kind: Sendable, Equatable {
        /// An object.
        case object
        /// An array.
        case array
        /// A string.
        case string
        /// Any number.
        case number
        /// A whole number.
        case integer
        /// `true` or `false`.
        case bool

        /// The kind as it follows "must be" in a message: `an object`, `true or false`…
        var wording: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .integer: "an integer"
            case .bool: "true or false"
            }
        }
    }

    /// A required member is absent.
    case missing
    /// An object has a member whose key is not in `allowed`; the path names that key.
    case unknownKey(allowed: [String])
    /// The value has another JSON type; `found` is its `JSONValue.typeName`.
    case wrongType(expected: Kind, found: String)
    /// A string, array or object that must have content is empty.
    case empty
    /// A string has more than `maximum` Unicode scalars; `length` is how many it has.
    case tooLong(maximum: Int, length: Int)
    /// A number lies outside `range`.
    case outOfRange(ClosedRange<Double>)
    /// A number is not a whole number within `range`; `value` is the number found.
    case notInteger(in: ClosedRange<Int>, value: Double)
    /// A string is not the raw value of one of `allowed`; `value` is the string found.
    case unknownValue(String, allowed: [String])
    /// A string is not an RFC 3339 date-time with an offset.
    case invalidTimestamp
}
