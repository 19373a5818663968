/// A paid repair's price, told before any work (seed 003 篇4: 有偿服务 — quote first, then work,
/// then a receipt), in fen (0.01 yuan) so that no amount is rounded.
public struct RepairQuote: Sendable, Equatable {
    /// The price in fen.
    public var priceFen: Int
    /// The materials it includes.
    public var materials: String

    /// Creates a quote.
    public init(priceFen: Int, materials: String) {
        self.priceFen = priceFen
        self.materials = materials
    }

    /// `128.50`, the price in yuan as the resident reads it.
    public var priceText: String { PaidRepair.yuan(priceFen) }
}

/// Where a paid repair's quote stands.
public enum QuoteState: String, Sendable, CaseIterable {
    /// No price told yet.
    case none
    /// Told to the resident, awaiting consent.
    case quoted
    /// The resident agreed: work may be done.
    case consented
}

/// The resident's sign-off of completed paid work.
public enum SignOff: String, Sendable, CaseIterable {
    /// The resident confirmed the work and the fee.
    case confirmed
    /// The resident disputes the quality or the fee: the office director attends and it is
    /// reviewed within 3 days (seed 003 篇4 六).
    case disputed
}

/// Helpers for paid repairs.
public enum PaidRepair {
    /// The highest price or fee accepted, in fen (1,000,000 yuan).
    public static let maximumFen = 100_000_000

    /// `128.50` for 12850 fen.
    public static func yuan(_ fen: Int) -> String {
        let cents = fen % 100
        return "\(fen / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
