#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A notification could not be sent to the service manager.
public struct SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call that failed (`socket` or `sendto`).
    public var call: String
    /// Its `errno`.
    public var errno: Int32

    /// Creates an error.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// `sendto: No such file or directory (errno 2)`.
    public var description: String {
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
