/// Who a case event is for: a department console, management or leadership.
///
/// The first part of every routing key on `caretaker.events` (`<audience>.<event_type>`), and
/// the name of the audience's queue.
public enum EventAudience: String, Sendable, CaseIterable, Codable, Comparable {
    /// 工程部.
    case engineering
    /// 护管部.
    case security
    /// 环境部.
    case environment
    /// 客服部: receives every case, tracks it and reports back.
    case customerService = "customer_service"
    /// The management office (管理处主任/经理).
    case management
    /// Company leadership (总经理).
    case leadership
    /// Quality management (品质管理部): hears of every major complaint and makes its final
    /// follow-up visit with the corrective report (seed 004 第2篇 四).
    case quality
    /// The intake system, which passes resident notices (`notice.*`) on to the resident as they
    /// are: it receives no other event, and the notices carry no staff or resident details.
    case resident
    /// The developer (开发商): receives a work-contact note (`contact_note.issued`) for each repair of
    /// a building-quality defect (`developer` responsibility), without the resident's contact.
    case developer

    /// The audience of a department's console.
    public init(_ department: Department) {
        switch department {
        case .engineering: self = .engineering
        case .security: self = .security
        case .environment: self = .environment
        case .customerService: self = .customerService
        }
    }

    /// The audience of an extra party named by triage.
    public init(_ audience: Audience) {
        switch audience {
        case .management: self = .management
        case .leadership: self = .leadership
        }
    }

    /// Orders audiences as declared (departments first), so event lists are stable.
    public static func < (lhs: EventAudience, rhs: EventAudience) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
