/// Checks a command's `at` against its case and the worker's clock (issue 12 item 6), so that no
/// step lands before the case existed or in the future, and statistics never show a negative
/// duration.
///
/// Pure; `CommandProcessor` calls it before the state machine.
public enum CommandTiming {
    /// How far before `received_at` a command may say it happened (clock skew between the hotline
    /// and a console), in seconds.
    public static let skewBeforeReceipt: Int64 = 60
    /// How far ahead of the worker's clock a command may say it happened, in seconds.
    public static let futureTolerance: Int64 = 300

    /// Why `command` is refused for its time, or `nil` when its time is plausible.
    public static func problem(_ command: ConsoleCommand, receivedAt: RFC3339Timestamp,
                               promisedFeedbackAt: RFC3339Timestamp?, now: RFC3339Timestamp) -> CommandRejection? {
        let at = command.at.secondsSinceEpoch
        if at < receivedAt.secondsSinceEpoch - skewBeforeReceipt {
            return CommandRejection(.invalidTime,
                                    "at (\(command.at)) lies before the case was received (\(receivedAt))")
        }
        if at > now.secondsSinceEpoch + futureTolerance {
            return CommandRejection(.invalidTime,
                                    "at (\(command.at)) lies more than \(futureTolerance / 60) minutes ahead of the worker's clock (\(now))")
        }
        if case .postpone = command.action, let promised = promisedFeedbackAt, at > promised.secondsSinceEpoch {
            return CommandRejection(.postponeTooLate,
                                    "the feedback date \(promised) has passed; a postponement is asked within the date")
        }
        return nil
    }
}
