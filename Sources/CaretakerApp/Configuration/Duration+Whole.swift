extension Duration {
    /// Whole seconds, as configuration keys give them.
    var wholeSeconds: Int { Int(components.seconds) }

    /// Whole milliseconds, as configuration keys give them.
    var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
