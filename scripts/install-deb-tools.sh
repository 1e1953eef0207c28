#!/usr/bin/env bash
# What `make deb` and `make test-deb` build and check the Debian package with: dpkg-dev
# (dpkg-shlibdeps), lintian, desktop-file-utils and appstream (the validators), and the
# Wayland client libraries that the bundle's Wayland plugin links to, which dpkg-shlibdeps
# must find to name them in Depends; patchelf, which removes the build machine's library paths
# from the bundle's RUNPATHs. apt-get, only what is missing.
set -euo pipefail
packages=(dpkg-dev lintian desktop-file-utils appstream libwayland-client0 libwayland-cursor0
          libwayland-egl1 patchelf)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
((${#missing[@]})) || exit 0
if ! command -v apt-get >/dev/null; then
    echo "error: the Debian package is built on Debian or Ubuntu; missing: ${missing[*]}" >&2
    exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "make deb: installing ${missing[*]}"
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
