import CaretakerTestSupport
import Foundation

/// Runs the built `caretaker` binary with a controlled environment and working directory.
enum CaretakerBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static var url: URL {
        get throws { try TestServers.builtExecutable(named: "caretaker") }
    }

    /// Runs `caretaker ARGUMENTS` in an empty temporary folder (so no `config/caretaker.yaml` is
    /// found), with the caller's environment minus every `CARETAKER_*` variable, plus `environment`.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = try url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARETAKER_") }
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read stderr on another thread so neither pipe can fill up and block the child.
        let errorData = Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = await errorData.value
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
