import Configuration
import Foundation

/// The password of a connection URL, kept out of the YAML file: it comes from the secret key
/// `password` (the systemd credential `<section>-password` in `$CREDENTIALS_DIRECTORY`, or
/// `CARETAKER_<SECTION>_PASSWORD`), or else from the file named by `password_file`, and is
/// written into the URL's user-info percent-encoded.
struct ConnectionPassword {
    /// The URL with the password filled in (unchanged when there is none).
    var url: String
    /// The file the password was read from, when `password_file` was used.
    var passwordFile: String?

    /// Reads `password` and `password_file` from a reader scoped to the section and fills the
    /// password into `url`.
    ///
    /// - Throws: ``ConfigurationError`` when the file cannot be read or is empty, when the URL
    ///   already holds a password, or when it names no user to go with it. Never quotes the secret.
    init(url: String, config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        let file = try reader.optionalString("password_file")
        var password = config.string(forKey: "password", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        if password == nil, let file {
            password = try Self.read(file)
        }
        self.passwordFile = password == nil ? nil : file
        guard let password else {
            self.url = url
            return
        }
        guard !SecretRedaction.containsPassword(inURL: url) else {
            throw ConfigurationError(key: "url", problem: "holds a password and a password is configured separately too; keep only the separate one")
        }
        guard let filled = Self.filling(password, into: url) else {
            throw ConfigurationError(key: "url", problem: "must name a user (user@host) for the configured password")
        }
        self.url = filled
    }

    /// The password in `path`, without the trailing newline editors and `echo` add.
    private static func read(_ path: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(key: "password_file", problem: "file \(path) does not exist or is not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(key: "password_file", problem: "file \(path) is not UTF-8 text")
        }
        let password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !password.isEmpty else {
            throw ConfigurationError(key: "password_file", problem: "file \(path) is empty")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ConfigurationError(key: "password_file", problem: "file \(path) must hold the password on one line")
        }
        return password
    }

    /// `scheme://user@host…` → `scheme://user:<encoded password>@host…`; `nil` without a user.
    static func filling(_ password: String, into url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        guard let at = afterScheme[..<authorityEnd].lastIndex(of: "@"), at > afterScheme.startIndex else { return nil }
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        guard let encoded = password.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        return String(url[..<at]) + ":" + encoded + String(url[at...])
    }
}
