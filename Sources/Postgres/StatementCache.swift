/// The statements prepared on the current session, keyed by SQL text and parameter types.
///
/// Emptied on every new session (prepared statements live and die with the server session).
/// When full, the connection deallocates everything and starts over: simpler than LRU and rare
/// for a worker that runs the same few statements.
struct StatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [PostgresDataType]
    }

    let capacity: Int
    private var names: [Key: String] = [:]
    private var counter = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var isFull: Bool { names.count >= capacity }
    var count: Int { names.count }

    func name(for key: Key) -> String? { names[key] }

    /// A statement name never used before on this connection.
    mutating func makeName() -> String {
        counter += 1
        return "caretaker_s\(counter)"
    }

    mutating func insert(_ name: String, for key: Key) { names[key] = name }

    mutating func remove(_ key: Key) { names[key] = nil }

    mutating func removeAll() { names.removeAll() }
}
