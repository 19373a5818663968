/// Who pays for a repair (seed 003 三(二)1–4).
public enum RepairResponsibility: String, Sendable, CaseIterable, Codable {
    /// 有偿: inside the owner's own unit; tell the price first and issue a receipt.
    case paid
    /// 无偿: common areas and shared facilities.
    case free
    /// 开发商保修: a building-quality defect within the developer's warranty.
    case developer
    /// The report does not say where.
    case unknown
}
