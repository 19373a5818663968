import Hummingbird
import Logging

/// The HTTP endpoint: `/metrics` (Prometheus text format), `/livez` and `/readyz`.
public enum ObservabilityServer {
    /// The Prometheus text exposition content type.
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Builds the server; the result is a `Service` to run in the worker's `ServiceGroup`.
    ///
    /// - Parameters:
    ///   - onRunning: called with the bound port once listening (useful with port 0 in tests).
    public static func make(host: String, port: Int, metrics: WorkerMetrics, readiness: Readiness,
                            logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = Router()
        router.get("livez") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"alive":true}"# + "\n")))
        }
        router.get("readyz") { _, _ in
            let verdict = readiness.verdict()
            return Response(status: verdict.isReady ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: verdict.json)))
        }
        router.get("metrics") { _, _ in
            metrics.refresh()
            return Response(status: .ok, headers: [.contentType: metricsContentType],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
