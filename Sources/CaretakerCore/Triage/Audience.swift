/// Extra audiences that must hear about a case beyond its department and customer service.
public enum Audience: String, Sendable, CaseIterable, Codable {
    /// The management office (管理处主任/经理).
    case management
    /// Company leadership (总经理).
    case leadership
}
