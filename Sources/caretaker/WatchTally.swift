import AMQP
import CaretakerCore

/// What `caretaker watch --summary` prints on exit: per console, how many events of each kind it
/// received, and the highest escalation level seen.
struct WatchTally {
    private var kinds: [String: [String: Int]] = [:]
    private var cases: [String: Set<String>] = [:]
    private var deadLetters = 0

    /// Counts one delivery under its audience and event type (dead letters on their own).
    mutating func count(_ delivery: AMQPDelivery) {
        if EventLine.isDeadLetter(delivery) {
            deadLetters += 1
            return
        }
        guard let event = try? JSONParser.parse(delivery.body),
              case .string(let audience)? = event["audience"], case .string(let type)? = event["event_type"]
        else { return }
        kinds[audience, default: [:]][type, default: 0] += 1
        if case .string(let number)? = event["case_number"] { cases[audience, default: []].insert(number) }
    }

    /// The summary, one line per console that received anything, then the dead letters.
    var rendered: String {
        var lines = ["summary:"]
        for audience in kinds.keys.sorted() {
            let byKind = kinds[audience] ?? [:]
            let total = byKind.values.reduce(0, +)
            let detail = byKind.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  \(audience): \(total) events on \(cases[audience]?.count ?? 0) cases (\(detail))")
        }
        if kinds.isEmpty { lines.append("  no console received an event") }
        lines.append("  dead letters: \(deadLetters)")
        return lines.joined(separator: "\n") + "\n"
    }
}
