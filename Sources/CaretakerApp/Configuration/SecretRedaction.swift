/// Masks the password in a connection URL so the rest (scheme, user, host, port, database or
/// virtual host) can still be shown.
///
/// Conservative by construction: anything that does not look like `scheme://authority/rest` is
/// replaced entirely, the whole user-info password is masked, and a query string (where libpq
/// accepts `?password=…`) is masked as a whole.
public enum SecretRedaction {
    /// What a masked part is replaced with.
    public static let placeholder = "<redacted>"

    /// `postgresql://u:secret@host/db?password=x` → `postgresql://u:<redacted>@host/db?<redacted>`.
    public static func maskingPassword(inURL text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return placeholder }
        let scheme = text[..<schemeEnd.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return placeholder
        }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var authority = String(afterScheme[..<authorityEnd])
        var rest = String(afterScheme[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            let host = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                authority = "\(userInfo[..<colon]):\(placeholder)@\(host)"
            }
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = String(rest[..<query]) + "?" + placeholder
        }
        return "\(scheme)://\(authority)\(rest)"
    }

    /// Whether `text` carries a password: in its user-info (`user:password@`) or, for libpq, as a
    /// `password=` query parameter.
    public static func containsPassword(inURL text: String) -> Bool {
        guard let schemeEnd = text.range(of: "://") else { return false }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
        guard let query = afterScheme.firstIndex(of: "?") else { return false }
        return afterScheme[afterScheme.index(after: query)...].split(separator: "&")
            .contains { $0.lowercased().hasPrefix("password=") }
    }
}
