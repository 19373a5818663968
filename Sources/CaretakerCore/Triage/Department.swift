/// The department that must act on a case (customer service sees every case anyway).
public enum Department: String, Sendable, CaseIterable, Codable {
    /// 工程部: equipment and facility faults and repairs.
    case engineering
    /// 护管部: guards, gates, order, parking, theft, noise, mail.
    case security
    /// 环境部: cleaning, garbage, pests, greening.
    case environment
    /// 客服部: staff conduct at the front desk, billing, notices, privacy, anything unclassified.
    case customerService = "customer_service"
}
