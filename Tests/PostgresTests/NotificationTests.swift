import CaretakerTestSupport
import Foundation
import Postgres
import Testing

extension PostgresIntegration {
    @Suite struct NotificationTests {
        @Test(.requiring(.postgres)) func notificationsCrossConnectionsWithChinesePayload() async throws {
            let listener = try await PostgresIntegration.connect()
            let sender = try await PostgresIntegration.connect()
            let channel = "caretaker.timers 定时"
            try await listener.listen(channel)

            let clock = ContinuousClock()
            let quietStart = clock.now
            let none = try await listener.notifications(timeout: .milliseconds(300))
            let quiet = clock.now - quietStart
            #expect(none.isEmpty)
            #expect(quiet >= .milliseconds(290) && quiet < .seconds(2))

            try await sender.notify(channel, payload: "电梯困人 / 電梯困人 🛗")
            let received = try await listener.notifications(timeout: .seconds(5))
            #expect(received.map(\.payload) == ["电梯困人 / 電梯困人 🛗"])
            #expect(received.first?.channel == channel)
            #expect(received.first?.senderPID == (await sender.backendPID))

            // A notification sent inside a rolled-back transaction is never delivered.
            await #expect(throws: Abandoned.self) {
                try await sender.withTransaction { _ in
                    try await sender.notify(channel, payload: "rolled back")
                    throw Abandoned()
                }
            }
            try await sender.withTransaction { _ in try await sender.notify(channel, payload: "committed") }
            let afterCommit = try await listener.notifications(timeout: .seconds(5))
            #expect(afterCommit.map(\.payload) == ["committed"])

            try await listener.unlisten(channel)
            try await sender.notify(channel, payload: "unheard")
            #expect(try await listener.notifications(timeout: .milliseconds(200)).isEmpty)
        }

        @Test(.requiring(.postgres)) func waitingReturnsAsSoonAsANotificationArrives() async throws {
            let listener = try await PostgresIntegration.connect()
            let sender = try await PostgresIntegration.connect()
            try await listener.listen("caretaker_wakeup")
            let clock = ContinuousClock()
            let start = clock.now
            async let waited = listener.notifications(timeout: .seconds(10))
            try await Task.sleep(for: .milliseconds(100))
            try await sender.notify("caretaker_wakeup")
            let received = try await waited
            #expect(received.count == 1)
            #expect(clock.now - start < .seconds(3))
        }
    }
}
