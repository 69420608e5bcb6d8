#!/bin/sh
# Makes sure shellcheck is on the PATH: installs Debian's shellcheck package with apt-get when it
# is missing (CI runs as root on Debian). Silent when it is installed already.
set -eu

if command -v shellcheck >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-shellcheck: shellcheck is missing and apt-get is not available; install shellcheck" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-shellcheck: shellcheck is missing; installing it needs root (apt-get install shellcheck)" >&2
    exit 1
fi
echo "ensure-shellcheck: installing Debian's shellcheck package"
export DEBIAN_FRONTEND=noninteractive
# apt's chatter is shown only when it fails.
if ! log=$({ apt-get -q update && apt-get -y -q install --no-install-recommends shellcheck; } 2>&1); then
    printf '%s\n' "$log" >&2
    echo "ensure-shellcheck: apt-get could not install shellcheck" >&2
    exit 1
fi
command -v shellcheck >/dev/null 2>&1 || { echo "ensure-shellcheck: shellcheck is still missing after apt-get" >&2; exit 1; }
shellcheck --version | sed -n 's/^version: /ensure-shellcheck: shellcheck /p'
