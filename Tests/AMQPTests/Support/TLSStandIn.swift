import CaretakerTestSupport
import Foundation
import Testing

/// A stand-in TLS endpoint for certificate tests: `openssl s_server` on a free loopback port,
/// serving a server certificate with a chosen subjectAltName, signed by a CA of its own that is
/// made for this one stand-in in a temporary folder.
///
/// The server speaks no AMQP: it completes the TLS handshake and writes what it receives to its
/// standard output, so a client that got past TLS shows up as the AMQP protocol header there.
/// Tests take one through ``with(subjectAltName:_:)``, which kills the server by its pid and
/// removes the folder afterwards, also when the test fails.
final class TLSStandIn: Sendable {
    /// The loopback port the server accepts on.
    let port: Int
    /// The stand-in's CA certificate, for the client's `caCertificatePath`.
    let caFile: String
    private let folder: URL
    private let server: Process
    private let output: Pipe
    /// Kept open so the server never sees end of input.
    private let input: Pipe

    private init(port: Int, folder: URL, server: Process, output: Pipe, input: Pipe) {
        self.port = port
        self.caFile = folder.appendingPathComponent("ca.pem").path
        self.folder = folder
        self.server = server
        self.output = output
        self.input = input
    }

    /// Runs `body` with a stand-in whose certificate has `subjectAltName` (OpenSSL syntax, for
    /// example `DNS:localhost,IP:127.0.0.2`), then stops the server and deletes its files.
    static func with<T>(
        subjectAltName: String, isolation: isolated (any Actor)? = #isolation,
        _ body: (TLSStandIn) async throws -> T
    ) async throws -> T {
        let standIn = try await start(subjectAltName: subjectAltName)
        return try await withCleanup { try await body(standIn) } cleanup: { _ = standIn.stop() }
    }

    /// Kills the server by its pid and waits for it; returns what it wrote to standard output.
    ///
    /// SIGKILL, because a child of the test process inherits a signal mask that blocks SIGTERM.
    @discardableResult
    func stop() -> String {
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
        let received = output.fileHandleForReading.readDataToEndOfFile()
        try? input.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: folder)
        return String(decoding: received, as: UTF8.self)
    }

    private static func start(subjectAltName: String) async throws -> TLSStandIn {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("caretaker-tls-stand-in-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            try makeCertificates(in: folder, subjectAltName: subjectAltName)
            let port = try HTTPProbe.freePort()
            let server = Process()
            server.executableURL = try openssl()
            server.currentDirectoryURL = folder
            server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem",
                                "-key", "server.key", "-quiet"]
            let output = Pipe()
            let input = Pipe()
            server.standardOutput = output
            server.standardError = FileHandle.nullDevice
            server.standardInput = input
            try server.run()
            let standIn = TLSStandIn(port: port, folder: folder, server: server, output: output, input: input)
            let deadline = ContinuousClock.now + .seconds(10)
            while !TestBroker.isListening(port: UInt16(port)) {
                guard server.isRunning, ContinuousClock.now < deadline else {
                    standIn.stop()
                    throw StandInFailed(step: "openssl s_server did not listen on 127.0.0.1:\(port)")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return standIn
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// A CA and a server certificate (CN localhost, `subjectAltName`) signed by it, as
    /// `ca.pem`, `server.pem` and `server.key` in `folder`.
    private static func makeCertificates(in folder: URL, subjectAltName: String) throws {
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(["req", "-x509"] + key + ["-days", "2", "-subj", "/CN=caretaker TLS stand-in CA",
                                          "-keyout", "ca.key", "-out", "ca.pem"], in: folder)
        try run(["req"] + key + ["-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"], in: folder)
        try Data("subjectAltName=\(subjectAltName)\nextendedKeyUsage=serverAuth\n".utf8)
            .write(to: folder.appendingPathComponent("server.ext"))
        try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-days", "2", "-extfile", "server.ext", "-out", "server.pem"], in: folder)
    }

    private static func run(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = try openssl()
        process.currentDirectoryURL = folder
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StandInFailed(step: "openssl \(arguments.prefix(2).joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }

    private static func openssl() throws -> URL {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StandInFailed(step: "openssl not found (apt-get install openssl)")
        }
        return URL(fileURLWithPath: path)
    }

    /// Making or starting the stand-in failed.
    struct StandInFailed: Error, CustomStringConvertible {
        /// What went wrong.
        let step: String
        /// The failed step.
        var description: String { "TLS stand-in: \(step)" }
    }
}
