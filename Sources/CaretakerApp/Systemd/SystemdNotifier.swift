#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends `sd_notify` messages to the service manager: one datagram to the Unix socket named by
/// `$NOTIFY_SOCKET`, written here rather than linking libsystemd.
///
/// A name starting with `@` is an abstract socket (its first byte becomes NUL, as `sd_notify`
/// does). A fresh socket is opened per message: messages are rare (readiness once, a watchdog
/// ping every few seconds), and nothing is held open across a fork or reconnect.
public struct SystemdNotifier: Sendable, Equatable {
    /// The socket path from `$NOTIFY_SOCKET`, `@` first for an abstract name.
    public let socketPath: String
    /// The watchdog interval from `$WATCHDOG_USEC`, when the service manager expects pings from
    /// this process (`$WATCHDOG_PID`, when set, names this process).
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`; `nil` when
    /// no notification socket is set (not started by systemd with `Type=notify`) or its name is
    /// not usable.
    public init?(environment: [String: String], processID: Int32 = getpid()) {
        guard let path = environment["NOTIFY_SOCKET"], path.hasPrefix("/") || path.hasPrefix("@"),
              path.utf8.count > 1, path.utf8.count < Self.maximumPathBytes
        else { return nil }
        socketPath = path
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == processID } ?? true
        if pidMatches, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            watchdogInterval = .microseconds(microseconds)
        } else {
            watchdogInterval = nil
        }
    }

    /// The notifier for this process's environment, `nil` when not run as a `Type=notify` service.
    public static func fromProcessEnvironment() -> SystemdNotifier? {
        var variables: [String: String] = [:]
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return SystemdNotifier(environment: variables)
    }

    /// Sends `state` (newline-separated `KEY=VALUE` assignments such as `READY=1`) as one datagram.
    ///
    /// - Throws: ``SystemdNotifyError`` with the failing call's `errno`.
    public func send(_ state: String) throws(SystemdNotifyError) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SystemdNotifyError(call: "socket", errno: errno) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        // An abstract name's length is exact (no terminating NUL); a path's includes its NUL.
        let pathLength = pathBytes.count + (pathBytes.first == 0 ? 0 : 1)
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathLength)
        let bytes = Array(state.utf8)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        guard sent >= 0 else { throw SystemdNotifyError(call: "sendto", errno: errno) }
    }

    /// `sun_path`'s capacity, terminating NUL included.
    static let maximumPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
}
