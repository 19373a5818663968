import AMQP
import Testing

@Suite struct AMQPURLTests {
    @Test(arguments: [
        ("amqp://guest:guest@127.0.0.1:56720/%2f", AMQPURL(host: "127.0.0.1", port: 56720)),
        ("amqp://localhost", AMQPURL(host: "localhost")),
        ("amqp://localhost/", AMQPURL(host: "localhost")),
        ("amqps://u:p@mq.example.org/prod", AMQPURL(usesTLS: true, host: "mq.example.org", port: 5671, user: "u", password: "p", virtualHost: "prod")),
        ("amqp://us%40er:p%3Ass%2Fw@h:1/a%2Fb", AMQPURL(host: "h", port: 1, user: "us@er", password: "p:ss/w", virtualHost: "a/b")),
        ("amqp://[::1]:5673/%2F", AMQPURL(host: "::1", port: 5673)),
        ("amqp://onlyuser@h", AMQPURL(host: "h", user: "onlyuser", password: "")),
        ("amqp://guest@127.0.0.1:56720/%2f", AMQPURL(host: "127.0.0.1", port: 56720)),
    ])
    func parsesGoodURLs(text: String, expected: AMQPURL) throws {
        #expect(try AMQPURL(parsing: text) == expected)
    }

    @Test(arguments: [
        ("http://h/", "scheme"),
        ("amqp:/h", "scheme"),
        ("amqp://", "host is missing"),
        ("amqp://u:p@:5672/", "host is missing"),
        ("amqp://h:0/", "port"),
        ("amqp://h:65536/", "port"),
        ("amqp://h:abc/", "port"),
        ("amqp://h:/", "port"),
        ("amqp://h/a/b", "one path segment"),
        ("amqp://h/%zz", "percent-encoding"),
        ("amqp://h/%2", "percent-encoding"),
        ("amqp://h/%ff", "UTF-8"),
        ("amqp://h/?heartbeat=5", "query"),
        ("amqp://[::1/", "IPv6"),
    ])
    func rejectsBadURLs(text: String, reason: String) {
        do {
            _ = try AMQPURL(parsing: text)
            Issue.record("accepted \(text)")
        } catch let error as AMQPError {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.detail.contains(reason), "\(error)")
            #expect(!error.requiresReconnect)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func descriptionHidesThePassword() throws {
        let url = try AMQPURL(parsing: "amqp://user:s3cret@h:5672/%2f")
        #expect(!url.description.contains("s3cret"))
        #expect(url.description == "amqp://user:***@h:5672/%2f")
    }

    @Test func parseErrorsDoNotRepeatTheURL() {
        #expect(throws: AMQPError.self) { try AMQPURL(parsing: "amqp://user:s3cret@h:99999/") }
        let error = try? { () throws -> AMQPError? in
            do { _ = try AMQPURL(parsing: "amqp://user:s3cret@h:99999/"); return nil } catch let e as AMQPError { return e }
        }()
        #expect(error.map { !$0.description.contains("s3cret") } == true)
    }
}
