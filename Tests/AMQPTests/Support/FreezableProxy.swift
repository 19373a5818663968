import Foundation
import Synchronization

/// A one-connection TCP proxy to the broker that can stop forwarding without closing anything.
///
/// Freezing it reproduces a peer that is alive at the TCP level but silent: no heartbeats arrive
/// and, once the buffers fill, writes block. That is the situation in which rabbitmq-c 0.11 hangs.
final class FreezableProxy: Sendable {
    private struct State {
        var frozen = false
        var stopped = false
        var sockets: [Int32] = []
        var running = 0
    }

    private let listener: Int32
    private let upstreamPort: UInt16
    private let state = Mutex(State())
    /// The loopback port clients connect to.
    let port: UInt16

    init(upstreamPort: UInt16) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        self.upstreamPort = upstreamPort
        self.port = UInt16(bigEndian: address.sin_port)
        state.withLock { $0.sockets.append(listener) }
        Thread { [self] in acceptOne() }.start()
    }

    /// Stops or resumes forwarding in both directions.
    func setFrozen(_ frozen: Bool) { state.withLock { $0.frozen = frozen } }

    /// Shuts every socket down, waits for the pump threads, then closes the descriptors.
    func stop() {
        let sockets = state.withLock { state in
            state.stopped = true
            return state.sockets
        }
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        while state.withLock({ $0.running }) > 0 { usleep(20_000) }
        for fd in sockets { close(fd) }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptOne() {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: upstreamPort)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        state.withLock {
            $0.sockets += [client, upstream]
            $0.running += 2
        }
        Thread { [self] in pump(from: client, to: upstream) }.start()
        Thread { [self] in pump(from: upstream, to: client) }.start()
    }

    private func pump(from source: Int32, to destination: Int32) {
        defer { state.withLock { $0.running -= 1 } }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let (frozen, stopped) = state.withLock { ($0.frozen, $0.stopped) }
            if stopped { return }
            if frozen {
                usleep(50_000)
                continue
            }
            var poller = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + written, count - written) }
                guard result > 0 else { return }
                written += result
            }
        }
    }
}
