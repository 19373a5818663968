/// Runs `body`, then `cleanup`, also when `body` throws, so a failing test still removes what it
/// made (`defer` cannot await). `body`'s error wins over one from `cleanup`.
public func withCleanup<T>(
    isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T,
    cleanup: () async throws -> Void
) async throws -> T {
    let result: T
    do {
        result = try await body()
    } catch {
        try? await cleanup()
        throw error
    }
    try await cleanup()
    return result
}
