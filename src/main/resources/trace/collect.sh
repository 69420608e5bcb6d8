#!/bin/sh
# imdsguard trace: collect.
# Prints what the IMDS packet analyzer logged on this host, in a compact form that fits the first
# 24,000 characters of output SSM Run Command keeps; imdsguard decodes and parses it.
# Changes nothing on the host: it only reads the analyzer's log (imds-trace.log*) and asks
# systemd whether the tracer unit is still running.
# Session tokens are removed here, before anything leaves the host: the analyzer's releases
# 1.1 to 1.3 wrote them in clear. Only the request line of each logged request is kept (its
# path, without query): the headers are dropped.
#
# Parameters (shell assignments put before this script):
#   IMDSGUARD_RUN_ID            the run (letters, digits, '-'); names the unit imdsguard-trace-<run>
#   IMDS_TRACE_LOG_DIR          the analyzer's log directory (default /var/log/imds)
#   IMDSGUARD_HOME              where start.sh put the analyzer (default /opt/imdsguard-trace)
#   IMDSGUARD_COLLECT_MAX_CHARS the output budget in characters (default 23000)
#
# A process's argv longer than 1024 characters keeps its first 1024 and "...", and so does a
# line longer than 8192 after that: one JVM's classpath must not crowd every other line out.
#
# Output (format 1), one record a line:
#   #imdsguard-trace-collect 1 tracer=running|stopped|absent   header
#   #note TEXT                                                 what the script has to say
#   #file NAME                                                 the lines that follow come from NAME
#   tID BODY        a distinct line body: the line without its timestamp, pids taken out ("(pid:")
#   dPREFIX         the first 16 characters of the timestamps that follow ("2026-03-02 10:01")
#   REST ID [PIDS] [*N]   a line: timestamp = PREFIX REST (REST "-": no timestamp), body ID with
#                   PIDS (comma-separated, "_" for none; left out: as at the body's previous line),
#                   N identical lines in a row within the same second
#   #end lines=N | #end cut lines=K of=N   trailer: N lines represented, or cut to K for the budget
set -eu

fail() {
    printf 'imdsguard collect: %s\n' "$1" >&2
    exit 2
}

run_id=${IMDSGUARD_RUN_ID:-}
log_dir=${IMDS_TRACE_LOG_DIR:-/var/log/imds}
home_dir=${IMDSGUARD_HOME:-/opt/imdsguard-trace}
max_chars=${IMDSGUARD_COLLECT_MAX_CHARS:-23000}

case $run_id in
    *[!A-Za-z0-9-]*) fail "IMDSGUARD_RUN_ID may hold only letters, digits and '-'" ;;
esac
case $max_chars in
    '' | *[!0-9]*) fail "IMDSGUARD_COLLECT_MAX_CHARS must be a number" ;;
esac
[ "$max_chars" -ge 1000 ] || fail "IMDSGUARD_COLLECT_MAX_CHARS must be at least 1000"
# awk takes an operand holding '=' for an assignment: plain path characters only.
case $log_dir in
    /*) ;;
    *) fail "IMDS_TRACE_LOG_DIR must be an absolute path" ;;
esac
case $log_dir in
    *[!A-Za-z0-9/._-]*) fail "IMDS_TRACE_LOG_DIR may hold only letters, digits and / . _ -" ;;
esac

unit=
[ -z "$run_id" ] || unit="imdsguard-trace-$run_id"

# Rotated logs, oldest first: the handler renames .log to .1, .1 to .2, ...
set --
notes=
for n in 9 8 7 6 5 4 3 2 1 ''; do
    f="$log_dir/imds-trace.log${n:+.$n}"
    if [ -f "$f" ]; then
        if [ -r "$f" ]; then
            set -- "$@" "$f"
        else
            notes="${notes}#note cannot read $f (run as root)
"
        fi
    fi
done

state=absent
unit_known=no
if [ -n "$unit" ] && command -v systemctl >/dev/null 2>&1; then
    active=$(systemctl is-active "$unit" 2>/dev/null || true)
    case $active in
        active | activating | reloading | deactivating) state=running ;;
    esac
    load=$(systemctl show -p LoadState "$unit" 2>/dev/null || true)
    [ "$load" != "LoadState=loaded" ] || unit_known=yes
fi
if [ "$state" = absent ]; then
    if [ "$#" -gt 0 ] || [ "$unit_known" = yes ] || { [ -n "$run_id" ] && [ -d "$home_dir/$run_id" ]; }; then
        state=stopped
    fi
fi
[ "$#" -gt 0 ] || notes="${notes}#note no analyzer log in $log_dir
"
if [ -n "$unit" ] && ! command -v systemctl >/dev/null 2>&1; then
    notes="${notes}#note systemctl not found: the tracer state is judged from the log
"
fi

header="#imdsguard-trace-collect 1 tracer=$state
$notes"
printf '%s' "$header"

# BCC reports lost events on the tracer's stderr (the journal), not in the log.
lost() {
    if [ -n "$unit" ] && command -v journalctl >/dev/null 2>&1; then
        journalctl -u "$unit" -o cat --no-pager 2>/dev/null | grep 'Possibly lost [0-9]* samples' || true
    fi
}

# The C locale: bytes in, bytes out, lengths in bytes (never fewer than characters), ASCII case.
lost | LC_ALL=C awk -v budget="$((max_chars - ${#header}))" '
function redact_headers(s,    lower, out, at, vs, rest, end, i, t, n) {
    lower = tolower(s)
    if (index(lower, "x-aws-ec2-metadata-token") == 0) return s
    out = ""
    while ((at = index(lower, "x-aws-ec2-metadata-token")) > 0) {
        vs = at + 24
        if (substr(s, vs, 1) == "-") {
            out = out substr(s, 1, vs - 1); s = substr(s, vs); lower = substr(lower, vs)
            continue
        }
        rest = substr(lower, vs)
        end = 0
        for (t = 1; t <= NTERM; t++) {
            i = index(rest, TERM[t])
            if (i > 0 && (end == 0 || i < end)) end = i
        }
        if (end == 0) {
            n = length(rest)
            end = (n > 0 && substr(rest, n, 1) == ")") ? n : n + 1
        }
        out = out substr(s, 1, vs - 1) ": **redacted**"
        s = substr(s, vs + end - 1); lower = substr(lower, vs + end - 1)
    }
    return out s
}
function redact_shapes(s,    out) {
    if (index(s, "==") == 0) return s
    out = ""
    while (match(s, /[A-Za-z0-9_+\/-]+==/)) {
        if (RLENGTH - 2 >= 40) out = out substr(s, 1, RSTART - 1) "**redacted**"
        else out = out substr(s, 1, RSTART + RLENGTH - 1)
        s = substr(s, RSTART + RLENGTH)
    }
    return out s
}
# Keeps the request line of the request details only, cut before any query.
function request_line_only(s,    at, head, req, i) {
    at = index(tolower(s), ") req details:")
    if (at == 0) return s
    head = substr(s, 1, at + 13)
    req = substr(s, at + 14)
    sub(/^ +/, "", req)
    i = index(req, ", "); if (i > 0) req = substr(req, 1, i - 1)
    i = index(req, "?"); if (i > 0) req = substr(req, 1, i - 1)
    i = index(req, "#"); if (i > 0) req = substr(req, 1, i - 1)
    return head " " req
}
# Cuts each argv to MAXARGV characters, then the line to MAXLINE (see the header).
function shorten(s,    lower, out, at, end, i, t, n) {
    if (length(s) <= MAXARGV) return s
    lower = tolower(s)
    out = ""
    while ((at = index(lower, " argv:")) > 0) {
        out = out substr(s, 1, at + 5); s = substr(s, at + 6); lower = substr(lower, at + 6)
        end = 0
        for (t = 1; t <= NATERM; t++) {
            i = index(lower, ATERM[t])
            if (i > 0 && (end == 0 || i < end)) end = i
        }
        if (end == 0) {
            n = length(lower)
            end = (n > 0 && substr(lower, n, 1) == ")") ? n : n + 1
        }
        out = out (end - 1 > MAXARGV ? substr(s, 1, MAXARGV) "..." : substr(s, 1, end - 1))
        s = substr(s, end); lower = substr(lower, end)
    }
    s = out s
    return length(s) > MAXLINE ? substr(s, 1, MAXLINE) "..." : s
}
# Sets BODY (pids taken out) and PIDS.
function take_pids(s,    i, d, n) {
    BODY = ""; PIDS = ""; n = 0
    while ((i = index(s, "(pid:")) > 0) {
        BODY = BODY substr(s, 1, i + 4); s = substr(s, i + 5)
        match(s, /^[0-9]*/)
        d = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
        PIDS = PIDS (n++ ? "," : "") (d == "" ? "_" : d)
    }
    BODY = BODY s
}
function emit(text) {
    if (cut) return 0
    used += length(text) + 1
    print text
    return 1
}
function flush(    out, extra) {
    if (pcount == 0) return
    extra = ""
    if (!(pbody in ids)) extra = "t" (nextid) " " pbody "\n"
    if (prest != "-" && pprefix != lastprefix) extra = extra "d" pprefix "\n"
    out = prest " " ((pbody in ids) ? ids[pbody] : nextid)
    if (ppids != "" && ppids != lastpids[pbody]) out = out " " ppids
    if (pcount > 1) out = out " *" pcount
    if (!cut && used + length(extra) + length(out) + 1 > budget - RESERVE) cut = 1
    if (!cut) {
        if (!(pbody in ids)) ids[pbody] = nextid++
        if (prest != "-") lastprefix = pprefix
        lastpids[pbody] = ppids
        printf "%s", extra
        used += length(extra)
        emit(out)
        emitted += pcount
    }
    pcount = 0
}
BEGIN {
    NTERM = split(", |) -> (pid:|) called by -> (pid:|) req details: ", TERM, "|")
    NATERM = split(") -> (pid:|) called by -> (pid:|) req details:", ATERM, "|")
    MAXARGV = 1024; MAXLINE = 8192
    RESERVE = 60; used = 0; cut = 0; nextid = 1; pcount = 0; emitted = 0; total = 0
    # Seconds are required, so the part after the 16-character prefix always starts with ":SS".
    STAMP = "^\\[[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9][0-9:,.]*\\] "
}
FNR == 1 {
    flush()
    name = FILENAME; sub(/.*\//, "", name)
    if (name == "" || name == "-") name = "journal"
    if (!cut && used + length(name) + 7 > budget - RESERVE) cut = 1
    emit("#file " name)
}
{
    sub(/\r$/, "")
    if ($0 ~ /^[ \t]*$/) next
    total++
    line = shorten(request_line_only(redact_shapes(redact_headers($0))))
    if (line ~ STAMP) {
        close_at = index(line, "] ")
        stamp = substr(line, 2, close_at - 2)
        prefix = substr(stamp, 1, 16); rest = substr(stamp, 17)
        body = substr(line, close_at + 2)
        second = prefix substr(rest, 1, 3)
    } else {
        prefix = ""; rest = "-"; body = line; second = ""
    }
    take_pids(body)
    if (pcount > 0 && BODY == pbody && PIDS == ppids && second == psecond) {
        pcount++
        next
    }
    flush()
    pbody = BODY; ppids = PIDS; prest = rest; pprefix = prefix; psecond = second; pcount = 1
}
END {
    flush()
    if (cut) print "#end cut lines=" emitted " of=" total
    else print "#end lines=" total
}
' "$@" -
