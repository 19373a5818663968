import AMQP
import Configuration
import Foundation

extension BrokerConfiguration {
    /// Reads `urls`, fills the password into each like `url`'s, and validates them.
    static func nodeURLs(config: ConfigReader) throws(ConfigurationError) -> [String]? {
        guard let listed = config.stringArray(forKey: "urls", isSecret: true) else { return nil }
        let nodes = listed.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !nodes.isEmpty else { return nil }
        guard nodes.count <= 16 else { throw ConfigurationError(key: "urls", problem: "lists more than 16 nodes") }
        var filled: [String] = []
        for (index, node) in nodes.enumerated() {
            let withPassword = try ConnectionPassword(url: node, config: config).url
            try validate(withPassword, key: "urls[\(index)]")
            filled.append(withPassword)
        }
        return filled
    }

    /// Reads `quorum_initial_group_size` (optional, 1–9).
    static func groupSize(config: ConfigReader) throws(ConfigurationError) -> Int? {
        guard let size = config.int(forKey: "quorum_initial_group_size") else { return nil }
        guard (1...9).contains(size) else {
            throw ConfigurationError(key: "quorum_initial_group_size", problem: "must be between 1 and 9, got \(size)")
        }
        return size
    }

    /// Throws unless `url` parses as an AMQP URL; the message never repeats the URL.
    static func validate(_ url: String, key: String) throws(ConfigurationError) {
        do {
            _ = try AMQPURL(parsing: url)
        } catch {
            let detail = (error as? AMQPError).map(\.detail).flatMap { $0.isEmpty ? nil : $0 } ?? "invalid"
            throw ConfigurationError(key: key, problem: "is not a valid AMQP URL: \(detail)")
        }
    }
}
