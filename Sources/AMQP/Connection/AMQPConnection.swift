internal import CRabbitMQ
import DedicatedThread
import Foundation

/// One AMQP connection with one channel, confined to a thread of its own.
///
/// rabbitmq-c connections are not thread-safe and block, so every method runs on this actor's
/// ``DedicatedThreadExecutor`` and never on Swift's shared pool. Use one connection to consume and
/// another to publish. Heartbeats are serviced only inside library calls: a consumer loops on
/// ``nextEvent(timeout:)`` with a short timeout (about 1 s).
///
/// Failure model: any socket, heartbeat, watchdog or connection-level error marks the
/// connection failed (``failure``) and frees the socket; every later call throws that error again
/// with kind `notConnected`. There is no automatic recovery: open a new connection (see
/// ``connect(_:retrying:maxAttempts:onFailure:setUp:)``), declare again, consume again, and
/// republish whatever was not confirmed.
///
/// Hang mitigation for rabbitmq-c 0.11: the socket gets `TCP_USER_TIMEOUT` and keepalive, RPCs
/// get `rpcTimeout`, and a watchdog shuts the socket down when one call runs past
/// `watchdogDeadline`, so no call blocks much longer than the heartbeat interval.
public actor AMQPConnection {
    /// The channel every operation uses.
    static let channel: amqp_channel_t = 1

    private let executor: DedicatedThreadExecutor
    /// The configuration this connection was opened with.
    public nonisolated let configuration: AMQPConfiguration
    var handle: AMQPConnectionHandle?
    var failureError: AMQPError?
    var confirms: AMQPConfirmTracker?
    var consumerTags: Set<String> = []

    /// Runs the actor's jobs on its dedicated thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init(configuration: AMQPConfiguration) {
        self.configuration = configuration
        self.executor = DedicatedThreadExecutor(name: "amqp-conn")
    }

    deinit {
        executor.shutdown()
    }

    /// Opens a connection: TCP or TLS, login with heartbeats and capabilities, channel 1.
    ///
    /// With ``AMQPConfiguration/failoverURLs`` it tries the nodes in turn, starting after the
    /// node the configuration's previous connection used, with a random pause of up to
    /// ``AMQPConfiguration/failoverJitter`` between nodes; the connection's
    /// ``configuration``'s `url` is then the node it reached.
    ///
    /// - Throws: ``AMQPError`` with kind `connectionFailed`, `tlsFailed`, `loginFailed`,
    ///   `timeout` or `invalidConfiguration` (the last node's error when none could be reached).
    public static func connect(_ configuration: AMQPConfiguration) async throws -> AMQPConnection {
        let endpoints = configuration.endpoints
        var lastError: (any Error)?
        for (attempt, index) in configuration.endpointCursor.order(count: endpoints.count).enumerated() {
            if attempt > 0, configuration.failoverJitter > .zero {
                try await Task.sleep(for: configuration.failoverJitter * Double.random(in: 0...1))
            }
            var node = configuration
            node.url = endpoints[index]
            let connection = AMQPConnection(configuration: node)
            do {
                try await connection.open()
                configuration.endpointCursor.used(index)
                return connection
            } catch let error as AMQPError where error.kind == .invalidConfiguration {
                throw error
            } catch {
                lastError = error
            }
        }
        throw lastError ?? AMQPError(.invalidConfiguration, context: "connect", detail: "no broker URL")
    }

    /// The error that ended this connection, or `nil` while it is usable.
    public var failure: AMQPError? { failureError }

    /// Whether the connection can still be used.
    public var isOpen: Bool { failureError == nil && handle != nil }

    /// Closes the channel and connection politely and frees the socket; never throws.
    ///
    /// Unconfirmed publishes stay unconfirmed; consumers' unacknowledged deliveries are requeued
    /// by the broker.
    public func close() {
        guard let handle, failureError == nil else { return }
        handle.watchdog?.arm(for: configuration.watchdogDeadline)
        _ = amqp_channel_close(handle.state, Self.channel, 200)
        _ = amqp_connection_close(handle.state, 200)
        handle.watchdog?.disarm()
        self.handle = nil
        failureError = AMQPError(.notConnected, context: "close", detail: "connection was closed")
    }

    private func open() throws {
        let url = configuration.url
        let context = "connect \(url.host):\(url.port)"
        let handle = try AMQPConnectionHandle()
        let arena = CArena()
        let socket: OpaquePointer?
        if url.usesTLS {
            socket = amqp_ssl_socket_new(handle.state)
            guard let socket else { throw AMQPError(.tlsFailed, context: context, detail: "cannot create TLS socket") }
            let tls = configuration.tls ?? AMQPTLSOptions()
            var status = amqp_ssl_socket_set_cacert(socket, arena.cString(tls.caCertificatePath))
            guard status == AMQP_STATUS_OK.rawValue else { throw Self.libraryError(status, context: "\(context): load CA file") }
            if let certificate = tls.clientCertificatePath {
                status = amqp_ssl_socket_set_key(socket, arena.cString(certificate), arena.cString(tls.clientKeyPath ?? certificate))
                guard status == AMQP_STATUS_OK.rawValue else { throw Self.libraryError(status, context: "\(context): load client key") }
            }
            amqp_ssl_socket_set_verify_peer(socket, tls.verifyPeer ? 1 : 0)
            try configureHostVerification(socket, tls: tls, host: url.host, arena: arena, context: context)
        } else {
            socket = amqp_tcp_socket_new(handle.state)
            guard socket != nil else { throw AMQPError(.connectionFailed, context: context, detail: "cannot create socket") }
        }
        var connectTimeout = Self.timeval(configuration.connectTimeout)
        caretaker_tls_reset_verify_error()
        let status = amqp_socket_open_noblock(socket, arena.cString(url.host), Int32(url.port), &connectTimeout)
        let verifyError = caretaker_tls_take_verify_error()
        guard status == AMQP_STATUS_OK.rawValue else {
            if url.usesTLS, status == AMQP_STATUS_SSL_PEER_VERIFY_FAILED.rawValue, verifyError != X509_V_OK {
                throw AMQPError(.tlsFailed, code: Int(status), context: context,
                                detail: Self.verificationFailure(verifyError, host: url.host))
            }
            let error = Self.libraryError(status, context: context)
            throw error.kind == .tlsFailed ? error : AMQPError(.connectionFailed, code: error.code, context: context, detail: error.detail)
        }
        handle.socketOpened = true
        let fd = amqp_get_sockfd(handle.state)
        try configureSocket(fd, context: context)
        var rpcTimeout = Self.timeval(configuration.rpcTimeout)
        _ = amqp_set_rpc_timeout(handle.state, &rpcTimeout)
        var handshakeTimeout = Self.timeval(configuration.watchdogDeadline)
        _ = amqp_set_handshake_timeout(handle.state, &handshakeTimeout)
        handle.watchdog = AMQPWatchdog(fd: fd, name: "amqp-watchdog")
        self.handle = handle
        do {
            try call("login \(url.host):\(url.port)") { state in
                var properties = arena.table(clientProperties)
                let reply = caretaker_amqp_login_plain(
                    state, arena.cString(url.virtualHost), 1, Int32(configuration.frameMax),
                    configuration.heartbeatSeconds, &properties, arena.cString(url.user), arena.cString(url.password))
                do {
                    try check(reply, state: state, context: "login")
                } catch let error as AMQPError {
                    let kind: AMQPError.Kind = error.kind == .timeout || error.kind == .tlsFailed ? error.kind : .loginFailed
                    throw AMQPError(kind, code: error.code, context: "login to vhost \(url.virtualHost) as \(url.user)", detail: error.detail)
                }
            }
            try call("channel.open") { state in
                amqp_channel_open(state, Self.channel)
                try check(amqp_get_rpc_reply(state), state: state, context: "channel.open")
            }
        } catch {
            self.handle = nil
            throw error
        }
    }

    /// Makes the TLS socket check that the broker's certificate names `host`.
    ///
    /// rabbitmq-c's own check matches DNS names only, so for an IP-literal host (`127.0.0.1`,
    /// `::1`) it is turned off and OpenSSL verifies the address against the certificate's IP
    /// subjectAltName entries as part of peer verification instead; a certificate without the
    /// address is then refused like one from an unknown CA. Every handshake also records the
    /// first certificate error, so a refusal can say why (see ``verificationFailure(_:host:)``).
    private func configureHostVerification(
        _ socket: OpaquePointer, tls: AMQPTLSOptions, host: String, arena: CArena, context: String
    ) throws {
        guard let sslContext = amqp_ssl_socket_get_context(socket) else {
            throw AMQPError(.tlsFailed, context: context, detail: "TLS socket has no OpenSSL context")
        }
        caretaker_tls_record_verify_errors(sslContext)
        let hostIsAddress = caretaker_is_ip_literal(arena.cString(host)) == 1
        if tls.verifyHostname && hostIsAddress {
            guard caretaker_tls_expect_ip(sslContext, arena.cString(host)) == 1 else {
                throw AMQPError(.tlsFailed, context: context, detail: "OpenSSL does not accept \(host) as an IP address")
            }
        }
        amqp_ssl_socket_set_verify_hostname(socket, tls.verifyHostname && !hostIsAddress ? 1 : 0)
    }

    /// Explains a refused broker certificate from OpenSSL's verification error.
    static func verificationFailure(_ error: Int32, host: String) -> String {
        let reason = X509_verify_cert_error_string(Int(error)).map { String(cString: $0) } ?? "error \(error)"
        var text = "broker certificate refused: \(reason)"
        if error == X509_V_ERR_IP_ADDRESS_MISMATCH {
            text += " (its subjectAltName does not list IP:\(host))"
        }
        return text
    }

    private var clientProperties: AMQPTable {
        [
            "product": "caretaker-amqp",
            "platform": "Swift",
            "connection_name": .string(configuration.connectionName),
            "capabilities": .table([
                "consumer_cancel_notify": true,
                "connection.blocked": true,
                "publisher_confirms": true,
                "basic.nack": true,
                "authentication_failure_close": true,
            ]),
        ]
    }

    /// Sets keepalive and `TCP_USER_TIMEOUT` so the kernel gives up on a silent peer within about
    /// one heartbeat interval instead of the default 15+ minutes of retransmissions.
    private func configureSocket(_ fd: Int32, context: String) throws {
        let heartbeat = max(1, Int32(clamping: configuration.heartbeat.components.seconds))
        let userTimeout = UInt32(clamping: Int(heartbeat) * 1000)
        let result = caretaker_configure_socket(fd, userTimeout, heartbeat, max(1, heartbeat / 3), 3)
        guard result == 0 else {
            throw AMQPError(.connectionFailed, code: Int(result), context: "\(context): socket options",
                            detail: String(cString: strerror(result)))
        }
    }
}
