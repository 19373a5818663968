import CaretakerCore
import Foundation

extension RFC3339Timestamp {
    /// `date` written in the given offset (Asia/Shanghai, +08:00, by default), to the microsecond.
    ///
    /// Lives outside CaretakerCore, which imports nothing from Foundation.
    public init(_ date: Date, utcOffsetMinutes: Int16 = 480) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let micros = min(((interval - seconds) * 1_000_000).rounded(), 999_999)
        self.init(secondsSinceEpoch: Int64(seconds), nanoseconds: Int32(micros) * 1_000, utcOffsetMinutes: utcOffsetMinutes)
    }
}
