# Helpers shared by scripts/services and scripts/cluster (sourced, not run).

log() { printf '%s: %s\n' "${SCRIPT_NAME:-services}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)"
    [ -n "$dir" ] || dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
    printf '%s' "$dir"
}

# Runs a PostgreSQL server binary as the postgres user when we are root (initdb refuses root).
as_pg() {
    if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Closes every inherited descriptor above 2: a caller (Foundation's Process, CI runners) may wait
# for EOF on one of them, which a long-lived server would otherwise hold open forever.
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null || true
    done
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
