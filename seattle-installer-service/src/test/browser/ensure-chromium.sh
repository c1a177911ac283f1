#!/bin/sh
# Makes sure the browser tests' Chromium and ChromeDriver are installed (Debian's chromium and chromium-driver).
#
# Does nothing when both are there. Otherwise, as root on a machine with apt-get, installs them (about 35 s);
# else fails, saying what to install. The browser tests run it before they start a browser (the Browser test
# helper), so `./mvnw -B verify` passes on a fresh Debian machine.
#
#   SEATTLE_CHROMIUM      where Chromium is expected      (default /usr/bin/chromium)
#   SEATTLE_CHROMEDRIVER  where ChromeDriver is expected  (default /usr/bin/chromedriver)
#   SEATTLE_APT_GET       the apt-get to run              (default apt-get; the script's own test sets a stand-in)
set -eu

chromium="${SEATTLE_CHROMIUM:-/usr/bin/chromium}"
driver="${SEATTLE_CHROMEDRIVER:-/usr/bin/chromedriver}"
apt_get="${SEATTLE_APT_GET:-apt-get}"

installed() {
    [ -x "$chromium" ] && [ -x "$driver" ]
}

if installed; then
    exit 0
fi

missing=""
[ -x "$chromium" ] || missing="$chromium"
[ -x "$driver" ] || missing="${missing:+$missing and }$driver"

if [ "$(id -u)" = 0 ] && command -v "$apt_get" >/dev/null 2>&1; then
    echo "ensure-chromium: $missing missing: installing Debian's chromium and chromium-driver with apt-get" >&2
    "$apt_get" update
    DEBIAN_FRONTEND=noninteractive "$apt_get" install -y chromium chromium-driver
    if installed; then
        echo "ensure-chromium: installed $chromium and $driver" >&2
        exit 0
    fi
    echo "ensure-chromium: apt-get installed chromium and chromium-driver, but $missing is still missing" >&2
    exit 1
fi

echo "ensure-chromium: the browser tests need Chromium and ChromeDriver, and $missing is missing." >&2
echo "  On Debian or Ubuntu, as root: apt-get update && apt-get install -y chromium chromium-driver" >&2
echo "  (run as root, this script installs them itself), or set SEATTLE_CHROMIUM and SEATTLE_CHROMEDRIVER" >&2
echo "  to where they are installed." >&2
exit 1
