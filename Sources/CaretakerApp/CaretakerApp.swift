public enum CaretakerApp {}
