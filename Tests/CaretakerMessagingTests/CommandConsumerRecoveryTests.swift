import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Testing

/// The command consumer against the real broker when `caretaker.commands` is deleted under it:
/// it must not sit idle while reporting that it consumes.
@Suite(.serialized) struct CommandConsumerRecoveryTests {
    @Test(.requiring(.postgres, .rabbitmq)) func aConsumerTheBrokerCancelsDeclaresTheQueueAgainAndProcessesTheNextCommand() async throws {
        // No reconnect for quiet during the test: only the broker's cancel can bring the consumer back.
        try await CommandConsumerHarness.run("cmdcancel", quietLimit: .seconds(3_600)) { harness in
            try await harness.send("before-delete")
            try await eventually("the first command processed", timeout: .seconds(20)) {
                try await harness.processed("before-delete")
            }
            try await harness.onConsole { console in _ = try console.deleteQueue(Topology.commandQueue) }
            try await eventually("the consumer redeclared the queue and consumes it", timeout: .seconds(20)) {
                (try? await harness.consumerCount()) == 1
            }
            try await harness.send("after-cancel")
            try await eventually("the command sent after the cancel processed", timeout: .seconds(20)) {
                try await harness.processed("after-cancel")
            }
            #expect(harness.consumer.statistics.isConsuming)
            #expect(harness.consumer.statistics.snapshot.rejected == 2, "both name an unknown case, so both are refused")
        }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func aCommandSentAfterTheQueueWasDeletedAndRedeclaredIsProcessed() async throws {
        try await CommandConsumerHarness.run("cmdredeclare", quietLimit: .seconds(1)) { harness in
            try await harness.send("before-delete")
            try await eventually("the first command processed", timeout: .seconds(20)) {
                try await harness.processed("before-delete")
            }
            // Deleted and declared again at once, the broker forgets the consumer without telling it.
            try await harness.onConsole { console in
                _ = try console.deleteQueue(Topology.commandQueue)
                try Topology.caretaker().declare(on: console)
            }
            try await harness.send("after-redeclare")
            try await eventually("the command sent after the redeclare processed", timeout: .seconds(20)) {
                try await harness.processed("after-redeclare")
            }
            #expect(harness.consumer.statistics.isConsuming)
            #expect(try await harness.consumerCount() == 1)
        }
    }
}
