#!/usr/bin/env bash
# Install the Debian/Ubuntu packages that Qt needs (see app/http_status_browser/desktop/systemdeps.py)
# and the tests use (dbus, curl) where this machine lacks them.
set -euo pipefail
python=$1
packages=$("$python" -m http_status_browser.desktop.systemdeps --platform xcb)
# The desktop search tests run under a private session bus (tests/desktop/test_search_provider.py).
if ! command -v dbus-run-session >/dev/null; then
    packages="${packages:+$packages }dbus"
fi
# The endpoint's end-to-end tests use curl as a real client (tests/serve/test_serve_features.py).
if ! command -v curl >/dev/null; then
    packages="${packages:+$packages }curl"
fi
# The completion scripts are parsed by their own shells (tests/cli/test_completion_command.py).
for shell in zsh fish; do
    command -v "$shell" >/dev/null || packages="${packages:+$packages }$shell"
done
# The key tests run the window on xcb under a private X server and press keys with xdotool
# (tests/ui/xvfb.py): some key conflicts show only there.
command -v Xvfb >/dev/null || packages="${packages:+$packages }xvfb"
command -v xdotool >/dev/null || packages="${packages:+$packages }xdotool"
# The screen-reader test reads the window through AT-SPI with Debian's pyatspi, run by the
# system's Python (tests/ui/test_atspi.py).
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c "import pyatspi" 2>/dev/null; then
    packages="${packages:+$packages }python3-pyatspi at-spi2-core"
fi
[ -z "$packages" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing the system packages Qt and the tests need: $packages"
    apt-get update -qq
    # shellcheck disable=SC2086  # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages
elif command -v apt-get >/dev/null; then
    echo "Qt or the tests need system packages that are missing. Run:" >&2
    echo "    sudo apt-get install $packages" >&2
    exit 1
else
    echo "Qt or the tests need these system packages, which are missing: $packages" >&2
    echo "Install them with your system's package manager, then run make again." >&2
    exit 1
fi
