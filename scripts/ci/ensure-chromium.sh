#!/bin/sh
# Makes sure a headless-capable Chromium is installed for the HTML report test: installs Debian's
# chromium package with apt-get when /usr/bin/chromium is missing (sudo when not root). The test
# drives the browser over the Chrome DevTools Protocol, so no chromium-driver is needed.
# Silent when Chromium is installed already.
set -eu

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $browser is missing and apt-get is not available; install Chromium" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo -n"
else
    echo "ensure-chromium: $browser is missing; installing it needs root (apt-get install chromium)" >&2
    exit 1
fi
echo "ensure-chromium: installing Debian's chromium package"
# apt's chatter is shown only when it fails.
if ! log=$({ $as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update \
        && $as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q install --no-install-recommends chromium \
        fonts-dejavu-core; } 2>&1); then
    printf '%s\n' "$log" >&2
    echo "ensure-chromium: apt-get could not install chromium" >&2
    exit 1
fi
[ -x "$browser" ] || { echo "ensure-chromium: $browser is still missing after apt-get" >&2; exit 1; }
"$browser" --version 2>/dev/null | sed 's/^/ensure-chromium: /' || true
