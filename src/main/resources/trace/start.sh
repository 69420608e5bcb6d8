#!/bin/sh
# imdsguard trace: start.
# Runs AWS's IMDS packet analyzer (aws/aws-imds-packet-analyzer, an eBPF tracer) on this host for a
# limited time, to see which processes call the instance metadata service without a token.
# What it changes on the host, as root:
#   - installs BCC and the kernel headers for the running kernel with the OS package manager, as
#     the analyzer's own install-deps.sh does (skipped when BCC is already importable); these
#     packages stay installed after stop.sh;
#   - installs git when it is missing and the analyzer is fetched with git;
#   - fetches the analyzer at a pinned commit into $IMDSGUARD_HOME/<run>/analyzer;
#   - starts the transient systemd unit imdsguard-trace-<run>, which stops by itself after
#     IMDSGUARD_TRACE_SECONDS (nothing is enabled, nothing survives a reboot; unlike the
#     analyzer's activate-tracer-service.sh, which installs a permanent Restart=always service);
#   - the analyzer writes its log to $IMDS_TRACE_LOG_DIR/imds-trace.log (rotated at 1 MiB x 5).
# Running it again for the same run starts nothing new. stop.sh undoes all but the packages.
#
# Parameters (shell assignments put before this script):
#   IMDSGUARD_RUN_ID            the run (letters, digits, '-'), required
#   IMDSGUARD_TRACE_SECONDS     how long the tracer runs, a positive number of seconds, required
#   IMDSGUARD_ANALYZER_COMMIT   the analyzer commit to run (default: v1.5.0 with its build fix)
#   IMDSGUARD_ANALYZER_SOURCE   a git URL or a .tar.gz URL of the analyzer, or a mirror of either
#   IMDS_TRACE_LOG_DIR          the analyzer's log directory (default /var/log/imds)
#   IMDSGUARD_HOME              where the analyzer is put (default /opt/imdsguard-trace)
#   IMDSGUARD_OS_RELEASE        the os-release file to read (default /etc/os-release)
#   IMDSGUARD_PLAN_ONLY=1       print the plan and stop before changing anything (needs no root)
set -eu

fail() {
    printf 'imdsguard start: %s\n' "$1" >&2
    exit 1
}

run_id=${IMDSGUARD_RUN_ID:-}
seconds=${IMDSGUARD_TRACE_SECONDS:-}
commit=${IMDSGUARD_ANALYZER_COMMIT:-18f15c9393f00515443702a912ed6dd9605c09e1}
source_url=${IMDSGUARD_ANALYZER_SOURCE:-https://github.com/aws/aws-imds-packet-analyzer.git}
log_dir=${IMDS_TRACE_LOG_DIR:-/var/log/imds}
home_dir=${IMDSGUARD_HOME:-/opt/imdsguard-trace}
os_release=${IMDSGUARD_OS_RELEASE:-/etc/os-release}
plan_only=${IMDSGUARD_PLAN_ONLY:-}

# 1. Parameters
case $run_id in
    '' | *[!A-Za-z0-9-]*) fail "IMDSGUARD_RUN_ID must be letters, digits and '-' (got '$run_id')" ;;
esac
case $seconds in
    '' | *[!0-9]* | 0*) fail "IMDSGUARD_TRACE_SECONDS must be a positive whole number of seconds (got '$seconds')" ;;
esac
case $commit in
    *[!0-9a-f]*) fail "IMDSGUARD_ANALYZER_COMMIT must be a commit id in lower-case hex (got '$commit')" ;;
esac
[ "${#commit}" -ge 7 ] || fail "IMDSGUARD_ANALYZER_COMMIT is too short to pin a commit (got '$commit')"
# These paths end up in a unit's command line: plain characters only.
for path in "$log_dir" "$home_dir"; do
    case $path in
        /*) ;;
        *) fail "'$path' must be an absolute path" ;;
    esac
    case $path in
        *[!A-Za-z0-9/._-]*) fail "'$path' may hold only letters, digits and / . _ -" ;;
    esac
done
case $source_url in
    *[!A-Za-z0-9/:._@%+~=-]*) fail "IMDSGUARD_ANALYZER_SOURCE holds characters a URL does not need" ;;
esac
# A value starting with '-' would reach git or curl as an option.
case $source_url in
    https://* | http://* | git@*) ;;
    *) fail "IMDSGUARD_ANALYZER_SOURCE must be an https://, http:// or git@ URL (got '$source_url')" ;;
esac

unit="imdsguard-trace-$run_id"
run_dir="$home_dir/$run_id"
checkout="$run_dir/analyzer"

# 2. The OS, and how it installs BCC
[ -r "$os_release" ] || fail "cannot read $os_release: unsupported OS"
os_value() {
    sed -n "s/^$1=//p" "$os_release" | head -n 1 | tr -d '"'"'"
}
os_id=$(os_value ID)
os_version=$(os_value VERSION_ID)
kernel=$(uname -r)
case $os_id in
    amzn)
        case $os_version in
            2) installer=al2 packages="bcc-devel kernel-devel-$kernel" ;;
            2023*) installer=dnf packages="bcc-tools kernel-devel-$kernel" ;;
            *) fail "unsupported OS: Amazon Linux $os_version (Amazon Linux 2 and 2023 are supported)" ;;
        esac
        ;;
    rhel | centos | fedora | rocky | almalinux)
        installer=dnf packages="bcc-tools kernel-devel-$kernel"
        ;;
    ubuntu | debian)
        installer=apt packages="bpfcc-tools python3-bpfcc linux-headers-$kernel"
        ;;
    *)
        fail "unsupported OS: $os_id $os_version (Amazon Linux 2 and 2023, RHEL, CentOS, Fedora, Ubuntu, Debian are supported)"
        ;;
esac

printf 'imdsguard start: plan: os=%s %s installer=%s packages="%s" analyzer=%s@%s unit=%s seconds=%s log=%s\n' \
    "$os_id" "$os_version" "$installer" "$packages" "$source_url" "$commit" "$unit" "$seconds" "$log_dir"
[ "$plan_only" != 1 ] || exit 0

# 3. What the host must offer
[ "$(id -u)" -eq 0 ] || fail "must run as root (the analyzer loads an eBPF program)"
if ! command -v systemd-run >/dev/null 2>&1 || [ ! -d /run/systemd/system ]; then
    fail "systemd is not running here: the tracer runs as a transient systemd unit"
fi
kconfig=
for candidate in "/boot/config-$kernel" "/lib/modules/$kernel/config"; do
    [ -r "$candidate" ] && kconfig=$candidate && break
done
if [ -n "$kconfig" ]; then
    for option in CONFIG_BPF_SYSCALL CONFIG_KPROBES CONFIG_KPROBE_EVENTS; do
        grep -q "^$option=y" "$kconfig" || fail "kernel $kernel has no BPF/kprobe support ($option is not set)"
    done
elif [ ! -d /sys/kernel/tracing ] && [ ! -d /sys/kernel/debug/tracing ]; then
    fail "kernel $kernel offers no tracing file system: no kprobe support for the analyzer"
fi

# 4. Once per run: a unit that exists (running or finished) is not started again
state=$(systemctl is-active "$unit" 2>/dev/null || true)
case $state in
    active | activating | reloading)
        printf 'imdsguard start: %s is already running: nothing to do\n' "$unit"
        exit 0
        ;;
esac
if systemctl show -p LoadState "$unit" 2>/dev/null | grep -qx 'LoadState=loaded'; then
    printf 'imdsguard start: %s already ran (%s): run stop.sh before tracing again\n' "$unit" "${state:-inactive}"
    exit 0
fi
# pgrep is not on every minimal image; ps -o args is POSIX.
# shellcheck disable=SC2009
if ps -eo args 2>/dev/null | grep -v grep | grep -q 'imds_snoop\.py'; then
    fail "another IMDS packet analyzer is already running on this host: its lines would mix with this run's"
fi

# 5. Dependencies, as the analyzer's install-deps.sh installs them
if python3 -c 'import bcc' >/dev/null 2>&1 && [ -d "/lib/modules/$kernel/build" ]; then
    printf 'imdsguard start: BCC and the kernel headers are installed already\n'
else
    printf 'imdsguard start: installing %s\n' "$packages"
    # shellcheck disable=SC2086 # the package list is meant to split into words
    case $installer in
        al2)
            amazon-linux-extras enable BCC >/dev/null
            yum -y -q install $packages || fail "could not install $packages"
            ;;
        dnf)
            if command -v dnf >/dev/null 2>&1; then pm=dnf; else pm=yum; fi
            "$pm" -y -q install bcc-tools || fail "could not install bcc-tools"
            "$pm" -y -q install "kernel-devel-$kernel" \
                || printf 'imdsguard start: kernel-devel-%s is not available; BCC may still work\n' "$kernel"
            ;;
        apt)
            export DEBIAN_FRONTEND=noninteractive
            apt-get -q update >/dev/null || fail "apt-get update failed"
            apt-get -y -q install --no-install-recommends $packages >/dev/null || fail "could not install $packages"
            ;;
    esac
    python3 -c 'import bcc' >/dev/null 2>&1 || fail "BCC's Python module is not importable after installing $packages"
fi

# 6. The analyzer, at the pinned commit
owned_logs=no
ls "$log_dir"/imds-trace.log* >/dev/null 2>&1 || owned_logs=yes
# Only directories made here are locked down: IMDSGUARD_HOME may name one the host already uses.
[ -d "$home_dir" ] || { mkdir -p "$home_dir" && chmod 700 "$home_dir"; }
mkdir -p "$run_dir"
chmod 700 "$run_dir"
if [ -d "$checkout/.git" ] && [ "$(git -C "$checkout" rev-parse HEAD 2>/dev/null)" = "$(git -C "$checkout" rev-parse "$commit^{commit}" 2>/dev/null)" ]; then
    printf 'imdsguard start: the analyzer is in %s already\n' "$checkout"
elif [ -f "$checkout/src/imds_snoop.py" ] && [ ! -d "$checkout/.git" ]; then
    printf 'imdsguard start: the analyzer is in %s already\n' "$checkout"
else
    rm -rf "$checkout"
    case $source_url in
        *.tar.gz | *.tgz)
            archive="$run_dir/analyzer.tar.gz"
            if command -v curl >/dev/null 2>&1; then
                curl -fsSL -o "$archive" "$source_url" || fail "could not download $source_url"
            else
                wget -q -O "$archive" "$source_url" || fail "could not download $source_url"
            fi
            mkdir -p "$checkout"
            tar -xzf "$archive" -C "$checkout" --strip-components 1 || fail "$source_url is not a .tar.gz of the analyzer"
            rm -f "$archive"
            ;;
        *)
            if ! command -v git >/dev/null 2>&1; then
                case $installer in
                    apt) apt-get -y -q install --no-install-recommends git >/dev/null ;;
                    al2) yum -y -q install git ;;
                    dnf) "${pm:-yum}" -y -q install git ;;
                esac
            fi
            git clone -q -- "$source_url" "$checkout" || fail "could not clone $source_url"
            git -C "$checkout" -c advice.detachedHead=false checkout -q "$commit" \
                || fail "commit $commit is not in $source_url"
            ;;
    esac
    [ -f "$checkout/src/imds_snoop.py" ] || fail "$source_url holds no src/imds_snoop.py"
fi
[ "$owned_logs" = no ] || : >"$run_dir/owns-logs"

# The analyzer logs to /var/log/imds unless a logging.conf in its working directory says otherwise.
if [ "$log_dir" != /var/log/imds ]; then
    [ -d "$log_dir" ] || { mkdir -p "$log_dir" && chmod 700 "$log_dir"; }
    cat >"$checkout/src/logging.conf" <<CONF
[loggers]
keys=root

[handlers]
keys=logfile

[formatters]
keys=logfileformatter

[logger_root]
level=INFO
handlers=logfile

[formatter_logfileformatter]
format=[%(asctime)s] [%(levelname)s] %(message)s

[handler_logfile]
class=handlers.RotatingFileHandler
level=INFO
args=('$log_dir/imds-trace.log','a',1048576,5,'UTF-8')
formatter=logfileformatter
CONF
fi

# 7. The tracer, as a transient unit that stops itself
python=$(command -v python3) || fail "python3 is not installed"
systemd_version=$(systemctl --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p')
if [ "${systemd_version:-0}" -ge 229 ]; then
    systemd-run --unit "$unit" --description "imdsguard trace $run_id: IMDS packet analyzer for ${seconds}s" \
        --property "RuntimeMaxSec=$seconds" \
        /bin/sh -c "cd $checkout/src && exec $python imds_snoop.py" >/dev/null
else
    # systemd before 229 has no RuntimeMaxSec: timeout(1) stops the tracer instead.
    systemd-run --unit "$unit" --description "imdsguard trace $run_id: IMDS packet analyzer for ${seconds}s" \
        /bin/sh -c "cd $checkout/src && exec timeout $seconds $python imds_snoop.py" >/dev/null
fi
sleep 3
state=$(systemctl is-active "$unit" 2>/dev/null || true)
if [ "$state" != active ]; then
    reason=$(journalctl -u "$unit" -o cat --no-pager 2>/dev/null | tail -n 1 || true)
    fail "the tracer stopped at once (${reason:-no message}); see journalctl -u $unit"
fi
printf 'imdsguard start: %s is tracing for %s seconds; log in %s\n' "$unit" "$seconds" "$log_dir"
