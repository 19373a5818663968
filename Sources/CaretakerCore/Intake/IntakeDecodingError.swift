/// The field-level error of every inbound contract (intake messages and console commands).
public typealias ContractError = IntakeDecodingError

/// Why an intake message (or a console command) was rejected: which field, what problem, and a safe human message.
///
/// Neither `description` nor `message` ever quotes a value from the message, so the error can be
/// logged and returned to the sender without leaking a resident's text, name or phone number.
public struct IntakeDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Machine-readable problem codes (stable: consumers match on them).
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// The bytes are not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// The bytes are not JSON.
        case notJSON = "not_json"
        /// The JSON is not an object.
        case notObject = "not_object"
        /// The whole message exceeds `IntakeMessage.maximumMessageBytes`.
        case messageTooLarge = "message_too_large"
        /// A key appears twice in one object.
        case duplicateField = "duplicate_field"
        /// A required field is absent.
        case missing
        /// The field has the wrong JSON type (including `null`).
        case wrongType = "wrong_type"
        /// A string is empty where at least one character is required.
        case empty
        /// A string or array is longer than allowed.
        case tooLong = "too_long"
        /// A number is outside the allowed range or not an integer, or a time (`incident_at`)
        /// lies outside its allowed window.
        case outOfRange = "out_of_range"
        /// A value is not one of the allowed enumeration values.
        case unknownValue = "unknown_value"
        /// A timestamp is not RFC 3339 with an offset.
        case invalidTimestamp = "invalid_timestamp"
        /// An array repeats a value that must be unique.
        case duplicateValue = "duplicate_value"
        /// An attachment is not an http(s) URL.
        case invalidURL = "invalid_url"
        /// An id that must be a UUID (e.g. a command's `case_id`) is not one.
        case invalidUUID = "invalid_uuid"
    }

    /// The field path, e.g. `text`, `resident.phone`, `flags[1]`; empty for whole-message problems.
    public var field: String
    /// What is wrong.
    public var reason: Reason
    /// A sentence for people; never contains the message's values.
    public var message: String
    /// The message id (a command's `command_id`) when it could be read before the problem was found.
    public var messageID: String?

    /// Creates an error.
    public init(field: String, reason: Reason, message: String, messageID: String? = nil) {
        self.field = field
        self.reason = reason
        self.message = message
        self.messageID = messageID
    }

    /// `field: reason: message`, safe to log.
    public var description: String {
        field.isEmpty ? "\(reason.rawValue): \(message)" : "\(field): \(reason.rawValue): \(message)"
    }
}
