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

#endif
