import CaretakerCore
import Foundation
import Testing

/// Broken rules files are rejected with the path inside the file and the problem.
@Suite struct TriageRulesValidationTests {
    struct Broken: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var path: String
        var problem: TriageRulesError.Problem
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "unknown department", replace: "\"department\": \"engineering\"", with: "\"department\": \"plumbing\"",
               path: "categories[0].department", problem: .unknownValue),
        Broken(name: "duplicate category code", replace: "\"code\": \"plumbing\"", with: "\"code\": \"water_leak\"",
               path: "categories[1].code", problem: .duplicate),
        Broken(name: "empty keyword", replace: "\"漏水\": 3", with: "\"  \": 3",
               path: "categories[0].keywords[\"  \"]", problem: .empty),
        Broken(name: "weight out of range", replace: "\"漏水\": 3", with: "\"漏水\": 11",
               path: "categories[0].keywords[\"漏水\"]", problem: .outOfRange),
        Broken(name: "unknown severity", replace: "\"injury\": \"major\"", with: "\"injury\": \"critical\"",
               path: "complaint_severity.flags.injury", problem: .unknownValue),
        Broken(name: "unknown kind", replace: "\"complaint\",\n        \"repair\"", with: "\"complaint\",\n        \"request\"",
               path: "categories[0].kinds[1]", problem: .unknownValue),
        Broken(name: "unknown key", replace: "\"name_en\": \"Water leak or seepage\"", with: "\"name_english\": \"x\"",
               path: "categories[0].name_english", problem: .unknownKey),
        Broken(name: "missing version", replace: "\"version\":", with: "\"versions\":",
               path: "versions", problem: .unknownKey),
        Broken(name: "about_staff not a boolean", replace: "\"about_staff\": true", with: "\"about_staff\": \"yes\"",
               path: "categories[14].about_staff", problem: .wrongType),
        Broken(name: "hedge not a string", replace: "\"hedges\": [\n      \"怕\"", with: "\"hedges\": [\n      3",
               path: "negation.hedges[0]", problem: .wrongType),
        Broken(name: "not JSON", replace: "{", with: "{{", path: "$", problem: .notJSON),
    ]

    @Test(arguments: broken)
    func rejects(_ row: Broken) throws {
        let text = String(decoding: TestRules.rulesBytes, as: UTF8.self)
        let range = try #require(text.range(of: row.replace), "fixture text not found: \(row.replace)")
        let mutated = text.replacingCharacters(in: range, with: row.with)
        do {
            _ = try TriageRules.parse(Array(mutated.utf8))
            Issue.record("accepted a rules file with \(row.name)")
        } catch {
            #expect(error.path == row.path)
            #expect(error.problem == row.problem)
            #expect(error.description.hasPrefix(row.path))
        }
    }

    @Test func shippedRulesAreValid() throws {
        let rules = try TriageRules.parse(TestRules.rulesBytes)
        #expect(!rules.version.isEmpty)
        #expect(rules.categories.count >= 30)
        #expect(Set(rules.categories.map(\.department)) == Set(Department.allCases))
        let aboutStaff = rules.categories.filter(\.aboutStaff).map(\.code)
        #expect(aboutStaff == ["guard_conduct", "staff_conduct"])
    }
}
