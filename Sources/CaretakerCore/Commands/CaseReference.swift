/// How a console names the case a command is for: by id, by number, or both.
///
/// When both are given they must name the same case; a command whose id and number disagree
/// finds no case and is refused as `unknown_case`.
public struct CaseReference: Sendable, Hashable, CustomStringConvertible {
    /// The case id (a UUID, lower-cased), if the console sent it.
    public var caseID: String?
    /// The case number (e.g. `BX-20261102-000045`), if the console sent it.
    public var caseNumber: String?

    /// Creates a reference; at least one of the two must be given.
    public init?(caseID: String? = nil, caseNumber: String? = nil) {
        guard caseID != nil || caseNumber != nil else { return nil }
        self.caseID = caseID?.lowercased()
        self.caseNumber = caseNumber
    }

    /// A reference by case id.
    public static func id(_ caseID: String) -> CaseReference {
        CaseReference(caseID: caseID)!
    }

    /// A reference by case number.
    public static func number(_ caseNumber: String) -> CaseReference {
        CaseReference(caseNumber: caseNumber)!
    }

    /// `case <id>` and/or `number <number>`; case ids and numbers are not personal data.
    public var description: String {
        [caseID.map { "case \($0)" }, caseNumber.map { "number \($0)" }].compactMap { $0 }.joined(separator: " ")
    }

    /// Whether `text` is a UUID in its 8-4-4-4-12 hexadecimal form (either case).
    public static func isUUID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard scalar == "-" else { return false }
            } else {
                guard scalar.properties.isASCIIHexDigit else { return false }
            }
        }
        return true
    }
}
