/// The version of Caretaker this binary was built from.
public enum CaretakerVersion {
    /// The release string shown by `caretaker version` and recorded in logs.
    public static let current = "0.1.0"

    /// The version of the intake message contract this build accepts.
    public static let intakeContract = 1
}
