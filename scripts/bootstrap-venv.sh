#!/usr/bin/env bash
# Create the project's virtualenv; on Debian/Ubuntu install python3-venv first when it is missing.
set -euo pipefail
python=$1
venv=$2
# pyenv installs every version, but its shims run only the selected ones: find python3.13
# among the installed versions when it is not on PATH (make test PYTHON=python3.13).
if ! "$python" -V >/dev/null 2>&1 && command -v pyenv >/dev/null; then
    for version in $(pyenv versions --bare | sort -rV); do
        candidate=$(PYENV_VERSION=$version pyenv which "$python" 2>/dev/null) || continue
        echo "using $candidate (pyenv $version)"
        python=$candidate
        break
    done
fi
if ! command -v "$python" >/dev/null; then
    echo "error: $python not found; install Python 3.11 or newer (apt-get install python3)" >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "error: $python is $("$python" -V 2>&1); HTTP Status Browser needs Python 3.11 or newer" >&2
    exit 1
fi
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    else
        echo "error: Python's venv module is missing; run: sudo apt-get install python3-venv" >&2
        exit 1
    fi
fi
rm -rf "$venv"
"$python" -m venv "$venv"
