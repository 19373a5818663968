import CaretakerCore

/// Reads an outbox row's `headers` column back into AMQP string headers, refusing anything
/// the writers would never have stored.
///
/// Caretaker only writes a JSON object of strings there. Anything else (another JSON type, a
/// member that is not a string) was written by hand or by a bug; publishing
/// the row without the offending headers would send a message that says less than it should,
/// for example a dead letter without its reason, so the row is parked instead.
enum OutboxHeaders {
    /// The headers in `text` (the column as PostgreSQL prints `jsonb`).
    static func parse(_ text: String) throws(OutboxHeadersError) -> [String: String] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw OutboxHeadersError(.notJSON, header: nil)
        }
        guard case .object(let members) = value else {
            throw OutboxHeadersError(.notAnObject, header: nil, found: value.typeName)
        }
        var headers: [String: String] = [:]
        for member in members {
            guard case .string(let string) = member.value else {
                throw OutboxHeadersError(.notAString, header: member.key, found: member.value.typeName)
            }
            headers[member.key] = string
        }
        return headers
    }
}

/// An outbox row's headers cannot be published as they are.
///
/// The description names the header and the JSON type found, never a value: values may be
/// copied from a resident's message (a dead letter's original fields).
public struct OutboxHeadersError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Code: String, Sendable {
        /// The column is not valid JSON.
        case notJSON = "not_json"
        /// The column is valid JSON but not an object.
        case notAnObject = "not_an_object"
        /// A header's value is not a string.
        case notAString = "not_a_string"
    }

    /// What is wrong.
    public let code: Code
    /// The header concerned, when one is.
    public let header: String?
    /// The JSON type found instead, when that is the problem.
    public let found: String?

    /// Creates an error.
    public init(_ code: Code, header: String?, found: String? = nil) {
        self.code = code
        self.header = header
        self.found = found
    }

    /// A sentence for `outbox.last_error` and the log: the header's name and what it held.
    public var description: String {
        switch code {
        case .notJSON: "malformed headers: not JSON"
        case .notAnObject: "malformed headers: \(found ?? "a value") instead of an object"
        case .notAString: "malformed headers: \(header ?? "-") is \(found.map { "a \($0)" } ?? "not a string"), not a string"
        }
    }
}
