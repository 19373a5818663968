import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker classify` and `caretaker triage` as an installed binary runs them: from a folder with
/// no checkout, finding the rules and model through the configuration.
@Suite struct TriageCommandTests {
    static let config = TestServers.repositoryRoot.appendingPathComponent("config")

    /// A scratch "/etc/caretaker": the files the README's Install section copies, and the shipped YAML.
    static func installedConfiguration() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-etc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["triage-rules.json", "triage-model.json", "sla-policy.json", "authorization.json", "calendars", "caretaker.yaml"] {
            try FileManager.default.copyItem(at: config.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        return root
    }

    static func reports(_ lines: [String]) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file
    }

    static let trapped = #"{"message_id":"m-1","kind":"repair","text":"电梯停在七楼半天不动，我妈还在里面","received_at":"2026-11-02T08:15:00+08:00","channel":"hotline"}"#

    @Test func anInstalledBinaryClassifiesFromAnyFolderThroughItsConfiguration() async throws {
        let etc = try Self.installedConfiguration()
        defer { try? FileManager.default.removeItem(at: etc) }
        let input = try Self.reports([Self.trapped])
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try await CaretakerBinary.run(["classify", "--config", etc.appendingPathComponent("caretaker.yaml").path, input.path])
        #expect(result.status == 0, "\(result.stderr)")
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(decision["priority"] as? String == "urgent")
        #expect((decision["model_version"] as? String)?.hasPrefix("2026.2-") == true)
        #expect((decision["reasons"] as? [String])?.contains { $0.hasPrefix("situation.") } == true)
        // The same YAML checks clean there too (README, Install).
        let check = try await CaretakerBinary.run(["config", "check", "--config", etc.appendingPathComponent("caretaker.yaml").path])
        #expect(check.lines.contains { $0.hasPrefix("triage model: version 2026.2-") }, "\(check.stdout)\(check.stderr)")
    }

    @Test func withoutAConfigurationTheErrorSaysWhereItLookedAndHowToPointElsewhere() async throws {
        let input = try Self.reports([Self.trapped])
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try await CaretakerBinary.run(["classify", input.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("/etc/caretaker/triage-rules.json"), "\(result.stderr)")
        #expect(result.stderr.contains("CARETAKER_TRIAGE_RULES_FILE"), "\(result.stderr)")
    }

    @Test func explainShowsTheModelsProbabilitiesAndNGrams() async throws {
        let input = try Self.reports([Self.trapped])
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try await CaretakerBinary.run(["classify", "--explain", "--config", Self.config.appendingPathComponent("caretaker.yaml").path, input.path])
        #expect(result.status == 0, "\(result.stderr)")
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let explain = try #require(decision["explain"] as? [String: Any])
        let model = try #require(explain["model"] as? [String: Any])
        let department = try #require(model["department"] as? [String: Any])
        let probabilities = try #require(department["probabilities"] as? [String: Double])
        #expect(Set(probabilities.keys) == ["engineering", "security", "environment", "customer_service"])
        #expect(abs(probabilities.values.reduce(0, +) - 1) < 0.01)
        #expect(((department["contributions"] as? [[Any]])?.isEmpty) == false)
        #expect((explain["rules"] as? [String])?.contains { $0.hasPrefix("situation.lift") } == true)
    }

    static let labelled = [
        #"{"id":"x1","note":"","intake":{"message_id":"x1","kind":"repair","text":"水管爆了，水喷得到处都是","received_at":"2026-11-02T08:15:00+08:00","channel":"hotline"},"expect":{"department":"engineering","priority":"urgent","responsibility":"unknown"}}"#,
        #"{"id":"x2","note":"","intake":{"message_id":"x2","kind":"complaint","text":"保安态度很差，骂人","received_at":"2026-11-02T08:15:00+08:00","channel":"hotline"},"expect":{"department":"security","severity":"important"}}"#,
    ]

    @Test func evalPrintsAccuracyConfusionAndMisses() async throws {
        let file = try Self.reports(Self.labelled)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CaretakerBinary.run(["triage", "eval", "--config", Self.config.appendingPathComponent("caretaker.yaml").path, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("department: 2/2 = 100.0 %"), "\(result.stdout)")
        #expect(result.stdout.contains("urgent recall: 1/1"))
        #expect(result.stdout.contains("confusion department"))
        #expect(result.stdout.contains("misses ("))
    }

    @Test(arguments: [
        (#"{"id":"x","intake":{"message_id":"x","kind":"repair","text":"t","received_at":"2026-11-02T08:15:00+08:00","channel":"hotline"},"expect":{"department":"engineering","severity":"minor"}}"#, "line 1: expect.priority"),
        (#"{"id":"x","intake":{"message_id":"x","kind":"repair","text":"t","received_at":"yesterday","channel":"hotline"},"expect":{"department":"engineering","priority":"urgent"}}"#, "line 1: intake.received_at"),
        (#"{"id":"x","intake":{"message_id":"x","kind":"repair","text":"t","received_at":"2026-11-02T08:15:00+08:00","channel":"hotline"},"expect":{"department":"plumbing","priority":"urgent"}}"#, "line 1: expect.department"),
        ("not json", "line 1: not JSON"),
    ])
    func aBadLabelledLineNamesTheLineAndField(_ line: String, _ message: String) async throws {
        let file = try Self.reports([line])
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CaretakerBinary.run(["triage", "eval", "--config", Self.config.appendingPathComponent("caretaker.yaml").path, file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func trainingTwiceOnTheSameCorpusWritesTheSameModel() async throws {
        let file = try Self.reports(Self.labelled)
        let first = file.deletingPathExtension().appendingPathExtension("m1.json"), second = file.deletingPathExtension().appendingPathExtension("m2.json")
        defer { for url in [file, first, second] { try? FileManager.default.removeItem(at: url) } }
        for out in [first, second] {
            let result = try await CaretakerBinary.run(["triage", "train", "--corpus", file.path, "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("2 reports"))
        }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let bad = try await CaretakerBinary.run(["triage", "train", "--corpus", file.path, "--out", first.path, "--buckets", "1000"])
        #expect(bad.status == 64 && bad.stderr.contains("--buckets"), "\(bad.stderr)")
    }
}
