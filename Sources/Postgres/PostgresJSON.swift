import Foundation

/// A JSON document bound as `jsonb` and decoded from `json`/`jsonb` columns, kept as its raw text.
///
/// Use ``init(encoding:encoder:)`` and ``decode(_:decoder:)`` to move between Swift values and the
/// document; the server validates the text when it is stored.
public struct PostgresJSON: Sendable, Hashable, PostgresCodable {
    /// The JSON text.
    public var rawText: String

    /// Wraps JSON text as is.
    public init(rawText: String) { self.rawText = rawText }

    /// Encodes a value with `encoder` (a default `JSONEncoder` unless given).
    public init<Value: Encodable>(encoding value: Value, encoder: JSONEncoder = JSONEncoder()) throws {
        rawText = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document into `type`.
    public func decode<Value: Decodable>(_ type: Value.Type, decoder: JSONDecoder = JSONDecoder()) throws -> Value {
        try decoder.decode(type, from: Data(rawText.utf8))
    }

    /// `jsonb`.
    public static var postgresType: PostgresDataType { .jsonb }

    /// The raw text; throws if it contains NUL.
    public func postgresText() throws -> String? { try rawText.postgresText() }

    /// The column's text as is.
    public init(postgresText text: String, type: PostgresDataType) throws { rawText = text }
}
