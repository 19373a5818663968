/// Human-readable, unique case numbers: `TS-20261102-000123` for a complaint (投诉),
/// `BX-20261102-000045` for a repair (报修).
///
/// The date is the day the report was received, in the offset it was received with (the
/// estate's local day); the serial comes from a database sequence, so numbers are unique across
/// every worker instance without coordination (a rolled-back transaction leaves a gap, which is
/// harmless).
public enum CaseNumber {
    /// The prefix for a kind of case.
    public static func prefix(for kind: IntakeMessage.Kind) -> String {
        switch kind {
        case .complaint: "TS"
        case .repair: "BX"
        }
    }

    /// Formats a case number; `serial` is zero-padded to six digits and grows beyond if needed.
    public static func make(kind: IntakeMessage.Kind, receivedAt: RFC3339Timestamp, serial: Int64) -> String {
        let (year, month, day) = receivedAt.localDate
        let digits = String(serial)
        let padded = digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
        return "\(prefix(for: kind))-\(year)\(twoDigits(month))\(twoDigits(day))-\(padded)"
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
