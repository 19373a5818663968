import Foundation
import Testing

/// Runs the built `caretaker` binary, which sits next to the test bundle in the build products.
@Suite struct ClassifyCommandTests {
    static let productsFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    static let rulesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/triage-rules.json").path

    struct Result {
        var status: Int32
        var stdout: [String]
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String) throws -> Result {
        var binary = productsFolder.appendingPathComponent("caretaker")
        if !FileManager.default.isExecutableFile(atPath: binary.path) {
            // Some runners put the bundle one level deeper (e.g. *.xctest/Contents/MacOS).
            binary = productsFolder.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("caretaker")
        }
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "caretaker binary not found next to the tests in \(productsFolder.path); run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
        return Result(status: process.terminationStatus, stdout: lines, stderr: String(decoding: err, as: UTF8.self))
    }

    static func line(_ id: String, _ kind: String, _ text: String, at: String = "2026-03-02T09:15:00+08:00") -> String {
        "{\"message_id\":\"\(id)\",\"kind\":\"\(kind)\",\"text\":\"\(text)\",\"received_at\":\"\(at)\",\"channel\":\"hotline\",\"resident\":{\"phone\":\"13912345678\"}}"
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func classifiesGoodLines() throws {
        let input = [Self.line("a", "repair", "3号楼电梯困人了"), "", Self.line("b", "complaint", "保安态度很差，第三次反映了")]
            .joined(separator: "\n")
        let result = try Self.run(["classify", "--rules", Self.rulesPath], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        try #require(result.stdout.count == 2)
        let first = try Self.object(result.stdout[0])
        #expect(first["message_id"] as? String == "a")
        #expect(first["department"] as? String == "engineering")
        #expect(first["priority"] as? String == "urgent")
        #expect(first["responsibility"] as? String == "free")
        #expect(first["severity"] == nil)
        let second = try Self.object(result.stdout[1])
        #expect(second["department"] as? String == "security")
        #expect(second["severity"] as? String == "major")
        #expect(second["notify"] as? [String] == ["management", "leadership"])
        #expect(second["needs_triage"] as? Bool == false)
        #expect((second["reasons"] as? [String])?.isEmpty == false)
        #expect(second["rules_version"] is String)
    }

    @Test func badLineInTheMiddleIsReportedAndProcessingContinues() throws {
        let input = [
            Self.line("a", "repair", "水龙头滴水"),
            Self.line("b", "repair", "我的电话是13912345678", at: "yesterday"),
            "{not json",
            Self.line("d", "complaint", "垃圾没人清"),
        ].joined(separator: "\n") + "\n"
        let result = try Self.run(["classify", "--rules", Self.rulesPath], stdin: input)
        #expect(result.status == 1)
        try #require(result.stdout.count == 4)
        let bad = try Self.object(result.stdout[1])
        #expect(bad["message_id"] as? String == "b")
        let error = try #require(bad["error"] as? [String: Any])
        #expect(error["field"] as? String == "received_at")
        #expect(error["reason"] as? String == "invalid_timestamp")
        let notJSON = try Self.object(result.stdout[2])
        #expect(notJSON["message_id"] is NSNull)
        #expect((notJSON["error"] as? [String: Any])?["reason"] as? String == "not_json")
        #expect(try Self.object(result.stdout[3])["department"] as? String == "environment")
        #expect(result.stderr.contains("line 2"))
        #expect(result.stderr.contains("received_at"))
        #expect(result.stderr.contains("line 3"))
        #expect(!result.stderr.contains("13912345678"))
        #expect(!result.stdout[1].contains("13912345678"))
    }

    @Test(arguments: ["{\"version\": 1}", "not json", ""])
    func brokenRulesFileExitsWithConfigError(_ content: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-rules-\(UUID().uuidString).json")
        try Data(content.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try Self.run(["classify", "--rules", path.path], stdin: Self.line("a", "repair", "灯不亮"))
        #expect(result.status == 78)
        #expect(result.stderr.contains(path.path))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingRulesFileExitsWithConfigError() throws {
        let result = try Self.run(["classify", "--rules", "/nonexistent/rules.json"], stdin: "")
        #expect(result.status == 78)
    }
}
