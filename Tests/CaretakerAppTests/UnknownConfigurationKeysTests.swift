import CaretakerApp
import CaretakerTestSupport
import Foundation
import Testing

/// A typo in caretaker.yaml is named with its line and the key it was probably meant to be.
@Suite struct UnknownConfigurationKeysTests {
    @Test func theShippedFileHasNoUnknownKey() throws {
        let text = try String(contentsOf: TestServers.repositoryRoot.appendingPathComponent("config/caretaker.yaml"),
                              encoding: .utf8)
        #expect(UnknownConfigurationKeys.find(in: text) == [])
    }

    @Test func typosAreFoundWithTheirLineAndTheClosestKey() {
        let text = """
            # comment: with a colon
            amqp:
              url: "amqp://guest@127.0.0.1:56720/%2f"   # a comment: here
              heartbeat_secs: 10
              tls:
                ca_file: "/etc/ssl/ca.pem"
                ca_fiel: "/etc/ssl/ca.pem"
            metric:
              port: 9464
            intake:
              batch_size: 128
            """
        let findings = UnknownConfigurationKeys.find(in: text)
        #expect(findings.map(\.key) == ["amqp.heartbeat_secs", "amqp.tls.ca_fiel", "metric"])
        #expect(findings.map(\.line) == [4, 7, 8])
        #expect(findings.map(\.suggestion) == ["amqp.heartbeat_seconds", "amqp.tls.ca_file", "metrics"])
        #expect(findings[0].description == "line 4: unknown key amqp.heartbeat_secs (did you mean amqp.heartbeat_seconds?)")
    }

    @Test func aKeyFarFromEveryKnownOneHasNoSuggestion() {
        let findings = UnknownConfigurationKeys.find(in: "frobnicate:\n  widgets: 3\n")
        #expect(findings == [UnknownConfigurationKeys.Finding(key: "frobnicate", line: 1, suggestion: nil)])
    }
}
