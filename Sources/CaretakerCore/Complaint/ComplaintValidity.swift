/// Whether a complaint is valid (有效投诉) or invalid (无效投诉), as customer service or the
/// manager decides with `assess` (seed 004 第4篇 5.2–5.3).
///
/// An invalid complaint is explained to the resident within 2 days and never upgraded to major
/// after a month; a valid one has its cause analysed within 1 day and a corrective action recorded.
public enum ComplaintValidity: String, Sendable, CaseIterable, Codable {
    /// The company's service fell short: analyse the cause and correct it.
    case valid
    /// Not the company's fault or not founded: explain to the resident.
    case invalid
}

/// Another body involved in a complaint, outside the property company (seed 004 第4篇 5.6): the
/// resident is contacted within 3 days while the company chases it.
public enum OtherBody: String, Sendable, CaseIterable, Codable {
    /// The municipal water company (自来水公司).
    case waterCompany = "water_company"
    /// The power bureau (供电局).
    case powerBureau = "power_bureau"
    /// The gas company (燃气公司).
    case gasCompany = "gas_company"
    /// The developer (开发商), e.g. for building-quality defects.
    case developer
    /// Another municipal or government office (市政单位).
    case municipal
    /// Any other outside party.
    case other
}
