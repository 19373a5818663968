/// The parts of an `amqp://` or `amqps://` URL.
///
/// Follows the RabbitMQ URI spec: `amqp[s]://user:password@host:port/vhost`, each part
/// percent-decoded, so the default virtual host `/` is written `%2f`. A missing user and password
/// mean `guest`/`guest` (so does the user `guest` without a password), a missing port means 5672
/// (5671 for `amqps`), and a missing or empty path means the virtual host `/`. Query parameters are rejected: set those options in
/// ``AMQPConfiguration`` instead, where they are typed.
public struct AMQPURL: Sendable, Equatable, CustomStringConvertible {
    /// Whether the connection uses TLS (`amqps`).
    public var usesTLS: Bool
    /// The host name or address (IPv6 without brackets).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// The user name for SASL PLAIN.
    public var user: String
    /// The password for SASL PLAIN; never printed.
    public var password: String
    /// The virtual host, already decoded (`/` for the default).
    public var virtualHost: String

    /// Creates a URL from its parts.
    public init(
        usesTLS: Bool = false, host: String, port: Int? = nil, user: String = "guest",
        password: String = "guest", virtualHost: String = "/"
    ) {
        self.usesTLS = usesTLS
        self.host = host
        self.port = port ?? (usesTLS ? 5671 : 5672)
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
    }

    /// Parses a URL string.
    ///
    /// - Throws: ``AMQPError`` of kind `invalidConfiguration` naming what is wrong; the error
    ///   never repeats the URL, which may hold a password.
    public init(parsing text: String) throws {
        func invalid(_ why: String) -> AMQPError {
            AMQPError(.invalidConfiguration, context: "AMQP URL", detail: why)
        }
        let tls: Bool
        var rest: Substring
        if text.hasPrefix("amqp://") {
            tls = false
            rest = text.dropFirst("amqp://".count)
        } else if text.hasPrefix("amqps://") {
            tls = true
            rest = text.dropFirst("amqps://".count)
        } else {
            throw invalid("scheme must be amqp:// or amqps://")
        }
        if rest.contains("?") || rest.contains("#") {
            throw invalid("query parameters and fragments are not supported")
        }
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user = "guest"
        var password = "guest"
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon], part: "user")
                password = try Self.decode(credentials[credentials.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(credentials, part: "user")
                // `guest@host` means the development broker's guest/guest; another user without a
                // password gets it from the configuration (credential, environment or file).
                password = user == "guest" ? "guest" : ""
            }
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unterminated IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        let decodedHost = try Self.decode(host, part: "host")
        guard !decodedHost.isEmpty else { throw invalid("host is missing") }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value), portText.allSatisfy(\.isASCII)
            else { throw invalid("port must be a number from 1 to 65535") }
            port = value
        }
        var vhost = "/"
        if let path, !path.isEmpty {
            guard !path.contains("/") else { throw invalid("virtual host must be one path segment; write / as %2f") }
            vhost = try Self.decode(path, part: "virtual host")
        }
        self.init(usesTLS: tls, host: decodedHost, port: port, user: user, password: password, virtualHost: vhost)
    }

    /// The URL with the password replaced by `***`, safe to log.
    public var description: String {
        let vhost = virtualHost.utf8.map { byte -> String in
            Self.unreserved(byte) ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: false).leftPadded
        }.joined()
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(usesTLS ? "amqps" : "amqp")://\(user):***@\(shownHost):\(port)/\(vhost)"
    }

    private static func unreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static func decode(_ text: Substring, part: String) throws -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else {
                throw AMQPError(.invalidConfiguration, context: "AMQP URL", detail: "bad percent-encoding in \(part)")
            }
            bytes.append(value)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw AMQPError(.invalidConfiguration, context: "AMQP URL", detail: "\(part) is not valid UTF-8")
        }
        return decoded
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
