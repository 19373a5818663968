extension TriageRules {
    /// A situation the text describes — an object, its state and who is at risk — decided from cue
    /// groups that must all appear close together, in any order and with any words in between.
    ///
    /// Phrases are single concepts (电梯, 困, 出不来); the situation is their combination, so "电梯
    /// 停在七楼半天不动，我妈还在里面" fires `lift_people_inside` although no rule lists that
    /// sentence. A situation sets a repair priority (`urgent` situations are the hard safety
    /// overrides) or a complaint severity.
    public struct Situation: Sendable, Equatable {
        /// Rule id shown in reasons (`situation.<id>`).
        public var id: String
        /// The repair priority the situation forces at least, or `nil`.
        public var priority: RepairPriority?
        /// The complaint severity the situation forces at least, or `nil`.
        public var severity: ComplaintSeverity?
        /// Greatest distance, in characters after normalisation, between the first and the last
        /// cue of one occurrence.
        public var window: Int
        /// Cue groups; one phrase of every group must appear within `window`.
        public var groups: [[String]]

        /// Creates a situation.
        public init(id: String, priority: RepairPriority? = nil, severity: ComplaintSeverity? = nil, window: Int, groups: [[String]]) {
            self.id = id
            self.priority = priority
            self.severity = severity
            self.window = window
            self.groups = groups
        }
    }
}
