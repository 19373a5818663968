import CaretakerCore
import Foundation
import Testing

/// The shipped parties and grants, and how a bad authorization file is refused.
@Suite struct AuthorizationPolicyTests {
    static let shippedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/authorization.json")

    static func shipped() throws -> AuthorizationPolicy {
        try AuthorizationPolicy.parse(try Data(contentsOf: shippedFile))
    }

    static let engineeringRepair = AuthorizationTarget(department: .engineering)
    static let escalatedRepair = AuthorizationTarget(department: .engineering, escalationLevel: 1)
    static let securityComplaintAboutSecurity = AuthorizationTarget(department: .security, accused: [.security])

    @Test func everyCommandHasAnEntryInTheShippedFile() throws {
        let policy = try Self.shipped()
        let missing = CaseAction.Name.allCases.filter { policy.actions[$0] == nil }
        #expect(missing.isEmpty, "add these commands to config/authorization.json: \(missing)")
    }

    @Test func theShippedFileHasOneConsolePerAudienceExceptResident() throws {
        let policy = try Self.shipped()
        let consoles = policy.parties.values.filter { $0.role == .console || $0.role == .observer }.compactMap(\.audience)
        #expect(Set(consoles) == Set(EventAudience.allCases).subtracting([.resident]))
        #expect(consoles.count == Set(consoles).count)
        #expect(policy.parties.values.filter { $0.role == .hotline }.count == 1)
        #expect(policy.parties["guest"] == nil, "guest is never a party")
    }

    @Test(arguments: [
        (CaseAction.Name.complete, EventAudience.engineering, engineeringRepair, nil),
        (.complete, .security, engineeringRepair, CommandRejection.Reason.notAuthorized),
        (.accept, .environment, engineeringRepair, .notAuthorized),
        (.accept, .customerService, engineeringRepair, .notAuthorized),
        (.close, .customerService, engineeringRepair, nil),
        (.returnWorkOrder, .customerService, engineeringRepair, nil),
        (.returnWorkOrder, .security, engineeringRepair, .notAuthorized),
        (.analyse, .customerService, securityComplaintAboutSecurity, nil),
        (.reassign, .customerService, engineeringRepair, nil),
        (.postpone, .customerService, engineeringRepair, nil),
        (.close, .engineering, engineeringRepair, nil),
        (.close, .security, engineeringRepair, .notAuthorized),
        (.complete, .management, engineeringRepair, .notAuthorized),
        (.complete, .management, escalatedRepair, nil),
        (.accept, .leadership, escalatedRepair, nil),
        (.reviewDispute, .management, engineeringRepair, nil),
        (.reviewDispute, .engineering, engineeringRepair, .notAuthorized),
        (.followUp, .quality, engineeringRepair, nil),
        (.plan, .engineering, engineeringRepair, nil),
        (.approvePlan, .engineering, engineeringRepair, nil),
        (.approvePlan, .management, engineeringRepair, nil),
        (.approvePlan, .security, engineeringRepair, .notAuthorized),
        (.progress, .engineering, engineeringRepair, nil),
        (.progress, .environment, engineeringRepair, .notAuthorized),
        (.accept, .developer, engineeringRepair, .notAuthorized),
        (.complete, .quality, engineeringRepair, .notAuthorized),
        (.accept, .security, securityComplaintAboutSecurity, nil),
        (.close, .security, securityComplaintAboutSecurity, .notAuthorized),
        (.resolve, .security, securityComplaintAboutSecurity, .notAuthorized),
        (.resolve, .customerService, securityComplaintAboutSecurity, nil),
    ] as [(CaseAction.Name, EventAudience, AuthorizationTarget, CommandRejection.Reason?)])
    func shippedGrants(_ command: CaseAction.Name, _ audience: EventAudience, _ target: AuthorizationTarget,
                       _ expected: CommandRejection.Reason?) throws {
        #expect(try Self.shipped().authorize(command, by: audience, on: target)?.reason == expected)
    }

    @Test func aCommandTheFileDoesNotListIsRefused() throws {
        let policy = AuthorizationPolicy(parties: [], actions: [:])
        #expect(policy.authorize(.accept, by: .engineering, on: Self.engineeringRepair)?.reason == .notAuthorized)
    }

    @Test(arguments: [
        (String?.none, Party.Role.console, EventAudience?.some(.engineering), true),
        ("", .console, .engineering, true),
        ("guest", .console, .engineering, true),
        ("caretaker-console-security", .console, .engineering, true),
        ("caretaker-console-engineering", .console, .engineering, false),
        ("caretaker-hotline", .console, .engineering, true),
        ("caretaker-hotline", .hotline, nil, false),
        ("caretaker-console-engineering", .hotline, nil, true),
        ("caretaker-ops", .hotline, nil, true),
        ("caretaker-developer", .console, .developer, true),
    ] as [(String?, Party.Role, EventAudience?, Bool)])
    func identity(_ userID: String?, _ role: Party.Role, _ audience: EventAudience?, _ refused: Bool) throws {
        let refusal = try Self.shipped().identify(userID: userID, role: role, audience: audience)
        #expect((refusal != nil) == refused)
        if let refusal { #expect(refusal.reason == .notAuthenticated) }
    }

    @Test(arguments: [
        (#"{"version":2,"parties":[],"actions":{}}"#, "version"),
        (#"{"version":1,"parties":[],"actions":{}}"#, "parties"),
        (#"{"version":1,"parties":[{"user":"a","role":"pilot"}],"actions":{}}"#, "parties[0].role"),
        (#"{"version":1,"parties":[{"user":"a","role":"console"}],"actions":{}}"#, "parties[0].audience"),
        (#"{"version":1,"parties":[{"user":"a","role":"hotline","audience":"security"}],"actions":{}}"#, "parties[0].audience"),
        (#"{"version":1,"parties":[{"user":"a","role":"console","audience":"resident"}],"actions":{}}"#, "parties[0].audience"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"},{"user":"a","role":"ops"}],"actions":{}}"#, "parties[1].user"),
        (#"{"version":1,"parties":[{"user":"","role":"ops"}],"actions":{}}"#, "parties[0].user"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}]}"#, "actions"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}],"actions":{"acept":[]}}"#, "actions.acept"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}],"actions":{"accept":[{"audiences":["securty"],"cases":"any"}]}}"#,
         "actions.accept[0].audiences[0]"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}],"actions":{"accept":[{"audiences":[],"cases":"any"}]}}"#,
         "actions.accept[0].audiences"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}],"actions":{"accept":[{"audiences":["security"],"cases":"all"}]}}"#,
         "actions.accept[0].cases"),
        (#"{"version":1,"parties":[{"user":"a","role":"ops"}],"actions":{},"accused_staff_may":["nap"]}"#, "accused_staff_may[0]"),
        (#"[1]"#, ""),
    ])
    func invalidFilesNameTheField(_ text: String, _ field: String) {
        #expect(throws: AuthorizationPolicyError.self) { try AuthorizationPolicy.parse(Array(text.utf8)) }
        do {
            _ = try AuthorizationPolicy.parse(Array(text.utf8))
        } catch {
            #expect(error.field == field, "\(error)")
        }
    }
}
