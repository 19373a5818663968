#ifndef CARETAKER_CRABBITMQ_SHIM_H
#define CARETAKER_CRABBITMQ_SHIM_H

/* rabbitmq-c 0.12+ moved its headers under rabbitmq-c/; Debian 12 ships 0.11 at the top level. */
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#include <rabbitmq-c/ssl_socket.h>
#else
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#endif

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <errno.h>

/* amqp_login_with_properties is variadic, which Swift cannot call: this fixes SASL PLAIN. */
static inline amqp_rpc_reply_t caretaker_amqp_login_plain(
    amqp_connection_state_t state, const char *vhost, int channel_max, int frame_max,
    int heartbeat, const amqp_table_t *properties, const char *user, const char *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat, properties,
                                      AMQP_SASL_METHOD_PLAIN, user, password);
}

/* The method ids are casting macros, which Swift does not import. */
static const amqp_method_number_t CARETAKER_BASIC_ACK = AMQP_BASIC_ACK_METHOD;
static const amqp_method_number_t CARETAKER_BASIC_NACK = AMQP_BASIC_NACK_METHOD;
static const amqp_method_number_t CARETAKER_BASIC_RETURN = AMQP_BASIC_RETURN_METHOD;
static const amqp_method_number_t CARETAKER_BASIC_CANCEL = AMQP_BASIC_CANCEL_METHOD;
static const amqp_method_number_t CARETAKER_BASIC_DELIVER = AMQP_BASIC_DELIVER_METHOD;
static const amqp_method_number_t CARETAKER_CHANNEL_CLOSE = AMQP_CHANNEL_CLOSE_METHOD;
static const amqp_method_number_t CARETAKER_CHANNEL_CLOSE_OK = AMQP_CHANNEL_CLOSE_OK_METHOD;
static const amqp_method_number_t CARETAKER_CONNECTION_CLOSE = AMQP_CONNECTION_CLOSE_METHOD;
static const amqp_method_number_t CARETAKER_CONNECTION_CLOSE_OK = AMQP_CONNECTION_CLOSE_OK_METHOD;
static const amqp_method_number_t CARETAKER_CONNECTION_BLOCKED = AMQP_CONNECTION_BLOCKED_METHOD;
static const amqp_method_number_t CARETAKER_CONNECTION_UNBLOCKED = AMQP_CONNECTION_UNBLOCKED_METHOD;

/* Makes a dead peer visible to the kernel: unacknowledged data fails after user_timeout_ms and an
 * idle connection is probed. Returns 0, or the errno of the first option that failed. */
static inline int caretaker_configure_socket(int fd, unsigned int user_timeout_ms, int idle_s,
                                             int interval_s, int count) {
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0) return errno;
    if (setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle_s, sizeof idle_s) != 0) return errno;
    if (setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval_s, sizeof interval_s) != 0) return errno;
    if (setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count) != 0) return errno;
    if (setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout_ms, sizeof user_timeout_ms) != 0)
        return errno;
    return 0;
}

/* Wakes any thread blocked on the socket; the descriptor stays open (its owner closes it). */
static inline int caretaker_shutdown_socket(int fd) {
    return shutdown(fd, SHUT_RDWR);
}

/* TLS peer verification for IP-literal hosts.
 *
 * rabbitmq-c 0.11's own host check (amqp_ssl_socket_set_verify_hostname) compares the host with
 * the certificate's DNS names only, so `amqps://127.0.0.1` fails against a certificate listing
 * IP:127.0.0.1. For such hosts the wrapper turns that check off and asks OpenSSL to verify the
 * address instead: X509_VERIFY_PARAM_set1_ip_asc on the socket's SSL_CTX, whose parameters every
 * SSL made from it inherits, so a missing or different IP SAN fails the chain verification
 * (X509_V_ERR_IP_ADDRESS_MISMATCH) and rabbitmq-c refuses the peer
 * (AMQP_STATUS_SSL_PEER_VERIFY_FAILED).
 *
 * rabbitmq-c frees the SSL object on failure, so the reason is kept by a verify callback in a
 * thread-local slot: the handshake runs inside amqp_socket_open_noblock on the calling thread. */
static _Thread_local int caretaker_tls_verify_error_slot = X509_V_OK;

/* Records the first certificate error of a handshake; the verdict itself is unchanged. */
static inline int caretaker_tls_verify_callback(int preverify_ok, X509_STORE_CTX *store) {
    if (!preverify_ok && caretaker_tls_verify_error_slot == X509_V_OK) {
        caretaker_tls_verify_error_slot = X509_STORE_CTX_get_error(store);
    }
    return preverify_ok;
}

/* 1 when host is an IPv4 or IPv6 address literal (no brackets, no zone), else 0. */
static inline int caretaker_is_ip_literal(const char *host) {
    unsigned char address[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
}

/* Installs the recording callback on the SSL_CTX of a rabbitmq-c TLS socket (from
 * amqp_ssl_socket_get_context), keeping the verify mode: rabbitmq-c 0.11 checks the
 * verification result itself after the handshake. */
static inline void caretaker_tls_record_verify_errors(void *context) {
    SSL_CTX *ctx = (SSL_CTX *)context;
    SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), caretaker_tls_verify_callback);
}

/* Makes peer verification require the IP address `ip` in the certificate's subjectAltName.
 * Returns 1 on success, 0 when OpenSSL does not accept `ip` as an address. */
static inline int caretaker_tls_expect_ip(void *context, const char *ip) {
    return X509_VERIFY_PARAM_set1_ip_asc(SSL_CTX_get0_param((SSL_CTX *)context), ip);
}

/* Forgets the recorded error; call before opening the socket. */
static inline void caretaker_tls_reset_verify_error(void) {
    caretaker_tls_verify_error_slot = X509_V_OK;
}

/* The first certificate error of the last handshake on this thread (X509_V_OK when none); resets it. */
static inline int caretaker_tls_take_verify_error(void) {
    int error = caretaker_tls_verify_error_slot;
    caretaker_tls_verify_error_slot = X509_V_OK;
    return error;
}

#endif
