#!/usr/bin/env bash
# GoAccess, the floor of `make bench`'s explain figure (benchmarks/explain.py): installed with
# apt-get where it is missing.
set -euo pipefail
command -v goaccess >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing GoAccess for the explain benchmark"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends goaccess
elif command -v apt-get >/dev/null; then
    echo "The explain benchmark compares with GoAccess. Run: sudo apt-get install goaccess" >&2
    exit 1
else
    echo "The explain benchmark compares with GoAccess: install it, then run make bench again." >&2
    exit 1
fi
