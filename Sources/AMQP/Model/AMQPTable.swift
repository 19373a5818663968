/// An ordered AMQP field table: message headers, queue, exchange and binding arguments.
///
/// Keys keep the order they were added in; setting an existing key replaces its value in place.
/// Keys are at most 128 bytes on the wire.
public struct AMQPTable: Sendable, Equatable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One key and its value.
    public struct Entry: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The value.
        public var value: AMQPFieldValue

        /// Creates an entry.
        public init(key: String, value: AMQPFieldValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in order.
    public private(set) var entries: [Entry]

    /// Creates a table from entries; a later duplicate key replaces the earlier value.
    public init(_ entries: [Entry] = []) {
        self.entries = []
        for entry in entries { self[entry.key] = entry.value }
    }

    /// Creates a table from a literal such as `["x-queue-type": "quorum"]`.
    public init(dictionaryLiteral elements: (String, AMQPFieldValue)...) {
        self.init(elements.map { Entry(key: $0.0, value: $0.1) })
    }

    /// Whether the table has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for a key, or `nil`; assigning `nil` removes the key.
    public subscript(key: String) -> AMQPFieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.append(Entry(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The keys only: header values may carry personal data, so they are not printed.
    public var description: String {
        "AMQPTable(keys: \(entries.map(\.key)))"
    }
}
