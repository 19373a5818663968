/// An error type that `JSONFieldReader` reports in: each domain words a problem its own way.
protocol JSONFieldFailure: Error {
    /// The path of the document itself: `$` in data files, empty in inbound messages.
    static var rootPath: String { get }
    /// Whether a string of only spaces counts as empty (data files) or only `""` does (messages).
    ///
    /// Where it is `true`, an enumeration value of only spaces is reported as empty too.
    static var blankStringsAreEmpty: Bool { get }
    /// The error for `problem`, found in the field at `path`.
    init(at path: String, _ problem: JSONFieldProblem)
}
