/// How an `amqps://` connection authenticates the broker and, optionally, itself.
///
/// Paths are PEM files. Verification of the peer and of its host name are on by default;
/// turning them off is for tests only.
public struct AMQPTLSOptions: Sendable, Equatable {
    /// The CA certificate(s) the broker's certificate must chain to.
    public var caCertificatePath: String
    /// The client certificate for mutual TLS, or `nil`.
    public var clientCertificatePath: String?
    /// The client certificate's private key, or `nil`; required with a client certificate.
    public var clientKeyPath: String?
    /// Whether the broker's certificate chain is verified.
    public var verifyPeer: Bool
    /// Whether the broker's certificate must name the host connected to.
    ///
    /// A host name must be among the certificate's DNS names (rabbitmq-c's check). An IP address
    /// (`127.0.0.1`, `::1`) must be among its IP subjectAltName entries; OpenSSL checks that as
    /// part of peer verification, so for an IP address it takes effect only with ``verifyPeer``.
    public var verifyHostname: Bool

    /// Creates TLS options; the default CA file is Debian's system bundle.
    public init(
        caCertificatePath: String = "/etc/ssl/certs/ca-certificates.crt",
        clientCertificatePath: String? = nil, clientKeyPath: String? = nil,
        verifyPeer: Bool = true, verifyHostname: Bool = true
    ) {
        self.caCertificatePath = caCertificatePath
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.verifyPeer = verifyPeer
        self.verifyHostname = verifyHostname
    }
}
