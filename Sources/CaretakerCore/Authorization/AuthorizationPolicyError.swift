/// Why an authorization file was refused: the field at fault and what is wrong with it.
///
/// Names fields and codes only, never a password (the file holds none) or a resident's data.
public struct AuthorizationPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field path, e.g. `actions.complete[0].audiences`.
    public var field: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
