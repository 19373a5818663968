/// Masks residents' personal data for places that must not show it whole: logs, and events for
/// a department whose own staff the resident complained about.
public enum PersonalData {
    /// Keeps the first three and last four digits of a phone number: `138****1234`.
    ///
    /// Shorter numbers are masked completely.
    public static func maskPhone(_ phone: String) -> String {
        let characters = Array(phone)
        guard characters.count >= 8 else { return String(repeating: "*", count: max(characters.count, 4)) }
        let hidden = characters.count - 7
        return String(characters.prefix(3)) + String(repeating: "*", count: hidden) + String(characters.suffix(4))
    }

    /// Keeps the first character of a name (the family name in Chinese): `张*`, `J***`.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(name.count - 1, 1))
    }
}
