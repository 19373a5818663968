import CaretakerCore
import Foundation
import Testing

/// Accuracy of the shipped rules against the labelled corpus (Fixtures/corpus.jsonl).
@Suite struct CorpusTests {
    struct Case {
        var id: String
        var message: IntakeMessage
        var department: String
        var level: String
        var notify: [String]?
        var responsibility: String?
    }

    static func loadCases() throws -> [Case] {
        let url = TestRules.fixtures.appendingPathComponent("corpus.jsonl")
        let data = try Data(contentsOf: url)
        var cases: [Case] = []
        for line in data.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            let value = try JSONParser.parse(line)
            guard case .string(let id)? = value["id"], let intake = value["intake"], let expect = value["expect"],
                  case .string(let department)? = expect["department"] else {
                Issue.record("corpus line without id/intake/expect.department")
                continue
            }
            let message = try IntakeMessage.decode(object: intake)
            var level = ""
            if case .string(let s)? = expect["severity"] { level = s }
            if case .string(let p)? = expect["priority"] { level = p }
            var notify: [String]?
            if case .array(let items)? = expect["notify"] {
                notify = items.compactMap { if case .string(let s) = $0 { s } else { nil } }.sorted()
            }
            var responsibility: String?
            if case .string(let r)? = expect["responsibility"] { responsibility = r }
            cases.append(Case(id: id, message: message, department: department, level: level,
                              notify: notify, responsibility: responsibility))
        }
        return cases
    }

    @Test func corpusAccuracy() throws {
        let cases = try Self.loadCases()
        try #require(cases.count >= 100, "corpus has only \(cases.count) cases")
        let classifier = TestRules.classifier
        var scratch = TriageScratch()
        var hits = [String: Int](), totals = [String: Int](), misses = [String: [String]]()
        var confusion = [String: [String: Int]]()
        func score(_ key: String, _ expected: String, _ got: String, _ id: String) {
            totals[key, default: 0] += 1
            if expected == got { hits[key, default: 0] += 1 } else { misses[key, default: []].append("\(id) expected \(expected) got \(got)") }
        }
        for item in cases {
            let decision = classifier.classify(item.message, scratch: &scratch)
            score("department", item.department, decision.department.rawValue, item.id)
            confusion[item.department, default: [:]][decision.department.rawValue, default: 0] += 1
            let level = decision.severity?.rawValue ?? decision.priority?.rawValue ?? ""
            score("severity/priority", item.level, level, item.id)
            if let notify = item.notify {
                score("notify", notify.joined(separator: ","), decision.notify.map(\.rawValue).sorted().joined(separator: ","), item.id)
            }
            if let responsibility = item.responsibility {
                score("responsibility", responsibility, decision.responsibility?.rawValue ?? "none", item.id)
            }
        }
        func rate(_ key: String) -> Double { Double(hits[key, default: 0]) / Double(max(totals[key, default: 0], 1)) }
        let thresholds = ["department": 0.97, "severity/priority": 0.93, "notify": 0.90, "responsibility": 0.90]
        var report = "corpus: \(cases.count) cases\n"
        for key in ["department", "severity/priority", "notify", "responsibility"] {
            report += "  \(key): \(hits[key, default: 0])/\(totals[key, default: 0]) = \(String(format: "%.1f", rate(key) * 100)) %\n"
        }
        print(report)
        var failed = false
        for (key, threshold) in thresholds where rate(key) < threshold {
            failed = true
            Issue.record("\(key) accuracy \(String(format: "%.1f", rate(key) * 100)) % is below \(Int(threshold * 100)) %")
        }
        if failed {
            let departments = Department.allCases.map(\.rawValue)
            var matrix = "department confusion (rows expected, columns got):\n" + "".padding(toLength: 18, withPad: " ", startingAt: 0)
            for d in departments { matrix += d.prefix(11).padding(toLength: 12, withPad: " ", startingAt: 0) }
            for row in departments {
                matrix += "\n" + row.padding(toLength: 18, withPad: " ", startingAt: 0)
                for column in departments {
                    matrix += String(confusion[row]?[column] ?? 0).padding(toLength: 12, withPad: " ", startingAt: 0)
                }
            }
            print(matrix)
            for (key, list) in misses.sorted(by: { $0.key < $1.key }) {
                print("misclassified (\(key)): " + list.joined(separator: "; "))
            }
        }
    }
}
