#!/usr/bin/env bash
# What `make check-snippets` runs the snippets with: Debian's toolchains and framework packages
# (apt-get, only what is missing) and Express from npm into .cache/check-snippets (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(golang-go librust-http-dev ruby ruby-rack php-cli php-symfony-http-foundation
          php-symfony-http-kernel curl)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v cargo >/dev/null || missing+=(cargo)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "check-snippets: installing ${missing[*]}"
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
        install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_cache=.cache/check-snippets/node
if [ ! -f "$node_cache/node_modules/express/package.json" ]; then
    mkdir -p "$node_cache"
    npm install --prefix "$node_cache" --no-audit --no-fund --silent express@5
fi
