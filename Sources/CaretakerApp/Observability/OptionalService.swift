import Logging
import ServiceLifecycle

/// Runs the HTTP endpoint so that its failure never stops the worker: a port already taken is
/// logged as an error, and the worker keeps consuming without `/metrics`.
struct OptionalService: Service {
    let inner: any Service
    let logger: Logger

    func run() async throws {
        do {
            try await inner.run()
        } catch {
            guard !Task.isCancelled else { return }
            logger.error("metrics endpoint failed; the worker continues without it", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }
}
