import Foundation

/// A RabbitMQ virtual host of its own for one test, so its exchanges and queues (which carry
/// Caretaker's fixed names) never meet another test's or the demo's.
public struct ScratchVirtualHost: Sendable {
    /// The virtual host's name.
    public let name: String

    /// An AMQP URL for the local broker in this virtual host.
    public var url: String {
        let base = TestServers.amqpURL
        let prefix = base[..<(base.lastIndex(of: "/") ?? base.endIndex)]
        return "\(prefix)/\(name)"
    }

    /// Creates a virtual host named after `purpose` plus a random suffix, with guest allowed.
    public static func create(_ purpose: String) throws -> ScratchVirtualHost {
        let name = "caretaker-test-\(purpose)-\(UInt32.random(in: 0...UInt32.max))"
        try TestServers.services("add-vhost", name)
        return ScratchVirtualHost(name: name)
    }

    /// Runs `body` with a new virtual host named after `purpose` and deletes it afterwards, also
    /// when `body` throws.
    public static func with<T>(_ purpose: String, isolation: isolated (any Actor)? = #isolation,
                               _ body: (ScratchVirtualHost) async throws -> T) async throws -> T {
        let vhost = try create(purpose)
        return try await withCleanup { try await body(vhost) } cleanup: { try vhost.delete() }
    }

    /// Deletes the virtual host and everything in it.
    public func delete() throws {
        try TestServers.services("delete-vhost", name)
    }
}
