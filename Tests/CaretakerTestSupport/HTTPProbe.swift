import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tiny HTTP client for tests: `curl` in a child process (URLSession needs FoundationNetworking
/// on Linux), and a free-port finder.
public enum HTTPProbe {
    /// A response: status (0 when nothing answered) and body.
    public struct Response: Sendable {
        /// The HTTP status, 0 when the connection failed.
        public var status: Int
        /// The body as text.
        public var body: String
    }

    /// `GET http://127.0.0.1:PORT/PATH`, with a 5-second limit.
    public static func get(port: Int, _ path: String) throws -> Response {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-m", "5", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.lastIndex(of: "\n") else { return Response(status: 0, body: text) }
        return Response(status: Int(text[text.index(after: split)...]) ?? 0, body: String(text[..<split]))
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read it, close).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
