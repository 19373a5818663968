import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging

/// One console command for `sendCommands`: its name (the routing key), the actor's JSON, and its
/// own fields as JSON members, each preceded by a comma (`,"note":"…"`), or empty.
struct SentCommand {
    var name: String
    var actor: String
    var fields: String
}

/// Publishes `commands` about `caseID` to `caretaker.commands` one at a time, stamped with the
/// worker's clock, and waits after each until `worker` logged it processed (the count of
/// processed commands starts at `alreadyProcessed`).
func sendCommands(_ commands: [SentCommand], caseID: String, idPrefix: String, with publisher: IntakePublisher,
                  to worker: WorkerProcess, alreadyProcessed: Int = 0) async throws {
    for (index, command) in commands.enumerated() {
        let body = #"{"command_id":"\#(idPrefix)-c\#(index)","case_id":"\#(caseID)","at":"\#(WorkerClock().now())","#
            + #""actor":\#(command.actor)\#(command.fields)}"#
        try await publisher.publish(body: Array(body.utf8), messageID: "\(idPrefix)-c\(index)", routingKey: command.name,
                                    exchange: ExchangeName.commands)
        try await publisher.flush()
        try await worker.waitForLog("command processed", count: alreadyProcessed + index + 1, timeout: .seconds(30))
    }
}
