#!/bin/sh
# imdsguard trace: stop.
# Undoes what start.sh did on this host, as root: stops and forgets the transient unit
# imdsguard-trace-<run>, deletes the analyzer checkout ($IMDSGUARD_HOME/<run>) and the
# analyzer's log files ($IMDS_TRACE_LOG_DIR/imds-trace.log*, then the directory if it is empty).
# Logs that were on the host before this run started are kept. The BCC packages start.sh
# installed stay installed. Safe to run twice.
#
# Parameters (shell assignments put before this script):
#   IMDSGUARD_RUN_ID            the run (letters, digits, '-'), required
#   IMDS_TRACE_LOG_DIR          the analyzer's log directory (default /var/log/imds)
#   IMDSGUARD_HOME              where start.sh put the analyzer (default /opt/imdsguard-trace)
set -eu

fail() {
    printf 'imdsguard stop: %s\n' "$1" >&2
    exit 1
}

run_id=${IMDSGUARD_RUN_ID:-}
log_dir=${IMDS_TRACE_LOG_DIR:-/var/log/imds}
home_dir=${IMDSGUARD_HOME:-/opt/imdsguard-trace}

case $run_id in
    '' | *[!A-Za-z0-9-]*) fail "IMDSGUARD_RUN_ID must be letters, digits and '-' (got '$run_id')" ;;
esac
for path in "$log_dir" "$home_dir"; do
    case $path in
        /*) ;;
        *) fail "'$path' must be an absolute path" ;;
    esac
done
[ "$(id -u)" -eq 0 ] || [ "${IMDSGUARD_UNPRIVILEGED_TEST:-}" = 1 ] || fail "must run as root"

unit="imdsguard-trace-$run_id"
run_dir="$home_dir/$run_id"

if command -v systemctl >/dev/null 2>&1; then
    systemctl stop "$unit" >/dev/null 2>&1 || true
    systemctl reset-failed "$unit" >/dev/null 2>&1 || true
    printf 'imdsguard stop: %s stopped\n' "$unit"
fi

if [ -f "$run_dir/owns-logs" ]; then
    for n in '' 1 2 3 4 5 6 7 8 9; do
        rm -f "$log_dir/imds-trace.log${n:+.$n}"
    done
    rmdir "$log_dir" 2>/dev/null || true
    printf 'imdsguard stop: analyzer logs removed from %s\n' "$log_dir"
elif [ -d "$run_dir" ]; then
    printf 'imdsguard stop: analyzer logs kept in %s: they were there before this run\n' "$log_dir"
fi

if [ -d "$run_dir" ]; then
    rm -rf "$run_dir"
    printf 'imdsguard stop: %s removed\n' "$run_dir"
fi
rmdir "$home_dir" 2>/dev/null || true
printf 'imdsguard stop: done\n'
