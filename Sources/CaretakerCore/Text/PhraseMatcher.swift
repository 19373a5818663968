/// An Aho–Corasick automaton over Unicode scalar values: finds every occurrence of every phrase
/// in one pass over the text, whatever the number of phrases.
///
/// Transitions live in one open-addressing hash table keyed by (state, scalar), so memory stays
/// proportional to the phrases; scalars that appear in no phrase reset to the root without a lookup.
public struct PhraseMatcher: Sendable {
    /// One occurrence: which phrase, and the offset just past its last scalar.
    public struct Match: Sendable, Equatable {
        /// Index of the phrase in the list given to `init`.
        public var phrase: Int32
        /// Offset (in scalars) just past the end of the occurrence.
        public var end: Int32
    }

    private static let emptyKey = UInt64.max

    private var keys: [UInt64]
    private var targets: [Int32]
    private var mask: Int
    private var failure: [Int32]
    private var outputStart: [Int32]
    private var outputs: [Int32]
    private var alphabet: [UInt64]
    /// Length in scalars of each phrase.
    public private(set) var phraseLengths: [Int32]

    /// Builds the automaton. Empty phrases are never reported.
    public init(phrases: [[UInt32]]) {
        var children: [[UInt32: Int32]] = [[:]]
        var terminal: [[Int32]] = [[]]
        var depth: [Int32] = [0]
        alphabet = [UInt64](repeating: 0, count: 0x110000 / 64)
        phraseLengths = phrases.map { Int32($0.count) }
        for (index, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var state: Int32 = 0
            for scalar in phrase {
                alphabet[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
                if let next = children[Int(state)][scalar] {
                    state = next
                } else {
                    let next = Int32(children.count)
                    children.append([:])
                    terminal.append([])
                    depth.append(depth[Int(state)] + 1)
                    children[Int(state)][scalar] = next
                    state = next
                }
            }
            terminal[Int(state)].append(Int32(index))
        }

        // Breadth-first: failure links, and each state's outputs including its failure chain's.
        let stateCount = children.count
        failure = [Int32](repeating: 0, count: stateCount)
        var merged = terminal
        var queue: [Int32] = children[0].values.sorted()
        var head = 0
        var edgeCount = children[0].count
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in children[Int(state)].sorted(by: { $0.key < $1.key }) {
                edgeCount += 1
                var fallback = failure[Int(state)]
                while fallback != 0, children[Int(fallback)][scalar] == nil {
                    fallback = failure[Int(fallback)]
                }
                let link = children[Int(fallback)][scalar] ?? 0
                failure[Int(child)] = link == child ? 0 : link
                merged[Int(child)] += merged[Int(failure[Int(child)])]
                queue.append(child)
            }
        }
        outputStart = [0]
        outputs = []
        for state in 0..<stateCount {
            outputs += merged[state]
            outputStart.append(Int32(outputs.count))
        }

        var capacity = 16
        while capacity < edgeCount * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = [UInt64](repeating: PhraseMatcher.emptyKey, count: capacity)
        targets = [Int32](repeating: 0, count: capacity)
        for (state, edges) in children.enumerated() {
            for (scalar, child) in edges {
                let key = UInt64(state) << 32 | UInt64(scalar)
                var slot = PhraseMatcher.slot(key, mask)
                while keys[slot] != PhraseMatcher.emptyKey { slot = (slot + 1) & mask }
                keys[slot] = key
                targets[slot] = child
            }
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    @inline(__always)
    private func next(_ state: Int32, _ scalar: UInt32) -> Int32? {
        let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(scalar)
        var slot = PhraseMatcher.slot(key, mask)
        while true {
            let found = keys[slot]
            if found == key { return targets[slot] }
            if found == PhraseMatcher.emptyKey { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Appends every occurrence in `text` to `matches` (not cleared), in order of their end offset.
    public func findAll(in text: [UInt32], into matches: inout [Match]) {
        var state: Int32 = 0
        var position: Int32 = 0
        for scalar in text {
            position += 1
            guard scalar < 0x110000, alphabet[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0 else {
                state = 0
                continue
            }
            while true {
                if let target = next(state, scalar) {
                    state = target
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var k = outputStart[Int(state)]
            let end = outputStart[Int(state) + 1]
            while k < end {
                matches.append(Match(phrase: outputs[Int(k)], end: position))
                k += 1
            }
        }
    }
}
