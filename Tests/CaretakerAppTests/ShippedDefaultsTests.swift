import AMQP
import CaretakerApp
import CaretakerTestSupport
import Foundation
import Testing

/// The README's "Running the worker" with nothing set: the built-in defaults and the shipped
/// `config/caretaker.yaml` reach the local broker that `scripts/services up` starts.
@Suite struct ShippedDefaultsTests {
    @Test(.requiring(.rabbitmq), arguments: [nil, "config/caretaker.yaml"])
    func theDefaultBrokerURLLogsIn(configFile: String?) async throws {
        let path = configFile.map { TestServers.repositoryRoot.appendingPathComponent($0).path }
        let configuration = try await CaretakerConfiguration.load(configFile: path, environment: [:])
        let url = try AMQPURL(parsing: configuration.amqp.url)
        #expect(url.user == "guest" && url.password == "guest", "the default URL must carry guest's password")
        let connection = try await AMQPConnection.connect(try AMQPConfiguration(url: configuration.amqp.url))
        await connection.close()
    }
}
