import Foundation
import AMQP
import CaretakerCore

/// One readable line for a console event or a dead letter.
enum EventLine {
    /// Whether `delivery` is a dead letter rather than a console event.
    static func isDeadLetter(_ delivery: AMQPDelivery) -> Bool {
        delivery.exchange == ExchangeName.deadLetters || delivery.properties.headers?["x-caretaker-reason"] != nil
    }

    /// The line printed for `delivery`.
    static func describe(_ delivery: AMQPDelivery) -> String {
        if isDeadLetter(delivery) {
            let headers = delivery.properties.headers
            return "DEAD LETTER   \(text(headers?["x-caretaker-source"]))  reason=\(text(headers?["x-caretaker-reason"]))"
                + "  field=\(text(headers?["x-caretaker-field"]))  message_id=\(text(headers?["x-original-message-id"]))"
        }
        guard let event = try? JSONParser.parse(delivery.body) else { return "unreadable event on \(delivery.routingKey)" }
        let type = string(event["event_type"])
        if event["audience"] == .string(EventAudience.resident.rawValue) {
            // A resident notice: what the resident will read.
            return [pad(string(event["audience"]), 16), pad(type, 16), string(event["case_number"]), string(event["text"])]
                .joined(separator: "  ")
        }
        var parts = [pad(string(event["audience"]), 16), pad(type, 16), string(event["case_number"]),
                     string(event["department"]) + "/" + string(event["category"])]
        if let severity = event["severity"], case .string = severity { parts.append("severity=\(string(severity))") }
        if let priority = event["priority"], case .string = priority { parts.append("priority=\(string(priority))") }
        if let change = event["change"] {
            if let kind = change["timer_kind"] { parts.append("timer=\(string(kind))") }
            if let level = change["level_name"] { parts.append("level=\(string(level))") }
            if case .number(let late)? = change["late_seconds"], late >= 60 { parts.append("late=\(lateness(Int(late)))") }
            if let step = change["step"] { parts.append("step=\(string(step))") }
        }
        if let rejection = event["rejection"] {
            parts.append("refused \(string(rejection["command"])): \(string(rejection["reason"]))")
        }
        return parts.joined(separator: "  ")
    }

    private static func string(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .number(let number)?: String(Int(number))
        case .bool(let flag)?: String(flag)
        default: "-"
        }
    }

    private static func text(_ value: AMQPFieldValue?) -> String {
        if case .string(let text)? = value { return text.isEmpty ? "-" : text }
        return "-"
    }

    /// `45min`, `3h05min` or `2d04h`: how far past its deadline a timer fired.
    static func lateness(_ seconds: Int) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)min" }
        if minutes < 24 * 60 { return "\(minutes / 60)h" + String(format: "%02d", minutes % 60) + "min" }
        return "\(minutes / 1440)d" + String(format: "%02d", minutes / 60 % 24) + "h"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
