#!/usr/bin/env bash
# Build dist/http-status-browser_<version>-1_<arch>.deb around the frozen bundle in
# dist/http-status-browser/ (make package), then check it with lintian.
# Usage: packaging/deb/build-deb.sh PYTHON   (the project's Python, with the [package] extra)
#
# Debian 12 has no PySide6, so the package carries the bundle (Python, Qt, PySide6) in
# /usr/lib/http-status-browser and links its two executables into /usr/bin. The desktop
# files come from resources/, with absolute paths where the desktop needs them; the man page
# and completions are generated from the argparse parser (argparse-manpage, shtab).
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
name=http-status-browser
bundle=dist/$name
[ -x "$bundle/$name" ] && [ -x "$bundle/httpstatus" ] || {
    echo "error: no bundle in $bundle; run make package first" >&2
    exit 1
}
version=$("$python" -c 'import http_status_browser as p; print(p.__version__)')
id=$("$python" -c 'import http_status_browser as p; print(p.APP_ID)')
homepage=$("$python" -c 'import http_status_browser as p; print(p.HOMEPAGE)')
arch=$(dpkg --print-architecture)
debversion=$version-1
stage=build/deb/${name}_${debversion}_$arch
lib=/usr/lib/$name
rm -rf build/deb && mkdir -p "$stage"

# The bundle, with the licence texts of what it carries.
install -d "$stage$lib" "$stage/usr/bin"
cp -a "$bundle/." "$stage$lib/"
"$python" packaging/collect_licenses.py "$stage$lib/licenses"
# PyInstaller copied the system libraries the bundle links to from this machine. Those that a
# Debian package provides under the same name are left out: the package depends on Debian's
# copy instead (dpkg-shlibdeps below), which gets Debian's security updates. libpython stays:
# the bootloader loads it from the bundle, and other releases have another Python.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
removed=0
for library in "$stage$lib"/_internal/*.so*; do
    base=$(basename "$library")
    case $base in libpython3*) continue ;; esac
    if dpkg -S "/lib/$multiarch/$base" >/dev/null 2>&1 \
        || dpkg -S "/usr/lib/$multiarch/$base" >/dev/null 2>&1; then
        rm "$library"
        removed=$((removed + 1))
    fi
done
echo "left out $removed libraries that Debian packages provide"
# A RUNPATH naming a folder of the build machine (pyenv's lib/) is dropped; $ORIGIN ones stay.
find "$stage$lib" -type f -name '*.so*' -print0 | while IFS= read -r -d '' elf; do
    runpath=$(patchelf --print-rpath "$elf" 2>/dev/null) || continue
    kept=$(tr ':' '\n' <<<"$runpath" | { grep '^\$ORIGIN' || true; } | paste -sd: -)
    [ "$runpath" = "$kept" ] || patchelf --set-rpath "$kept" "$elf"
done
ln -s "../lib/$name/$name" "$stage/usr/bin/$name"
ln -s "../lib/$name/httpstatus" "$stage/usr/bin/httpstatus"

# Desktop entry, metainfo, icons, desktop search: where desktops look, absolute commands.
share=$stage/usr/share
install -d "$share/applications" "$share/metainfo" "$share/dbus-1/services" \
    "$share/gnome-shell/search-providers" "$share/krunner/dbusplugins"
sed "s|^Exec=$name|Exec=/usr/bin/$name|" "resources/$id.desktop" > "$share/applications/$id.desktop"
install -m 644 "resources/$id.metainfo.xml" "$share/metainfo/"
sed "s|\"@HTTPSTATUS@\"|/usr/bin/httpstatus|" "resources/$id.SearchProvider.service" \
    > "$share/dbus-1/services/$id.SearchProvider.service"
install -m 644 "resources/$id.search-provider.ini" "$share/gnome-shell/search-providers/"
install -m 644 "resources/$id.krunner.desktop" "$share/krunner/dbusplugins/"
(cd resources/icons && find hicolor \( -type f -o -type l \) -print0) | while IFS= read -r -d '' icon; do
    install -D -m 644 "resources/icons/$icon" "$share/icons/$icon"  # follows the SVG's link
done

# Man page and completions, generated from the parser the command line uses.
install -d "$share/man/man1" "$share/bash-completion/completions" \
    "$share/zsh/vendor-completions" "$share/fish/vendor_completions.d"
"$(dirname "$python")/argparse-manpage" --module http_status_browser.cli.completion_command \
    --function full_parser --prog httpstatus --project-name "HTTP Status Browser" \
    --version "$version" --url "$homepage" \
    --description "look up HTTP status codes: meaning, headers, references and snippets" \
    --manual-title "HTTP Status Browser" --output build/deb/httpstatus.1
gzip -9n -c build/deb/httpstatus.1 > "$share/man/man1/httpstatus.1.gz"
# http-status-browser takes httpstatus's commands (and opens the window without one).
ln -s httpstatus.1.gz "$share/man/man1/$name.1.gz"
"$python" -m http_status_browser completion bash > "$share/bash-completion/completions/httpstatus"
"$python" -m http_status_browser completion zsh > "$share/zsh/vendor-completions/_httpstatus"
"$python" -m http_status_browser completion fish > "$share/fish/vendor_completions.d/httpstatus.fish"

# Documentation: copyright, changelog, notices; lintian overrides with their reasons.
doc=$share/doc/$name
install -d "$doc" "$share/lintian/overrides"
install -m 644 packaging/deb/copyright THIRD-PARTY-NOTICES.md "$doc/"
date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
    "$name" "$debversion" "$version" \
    "HTTP Status Browser developers <httpstatusbrowser@users.noreply.github.com>" "$date" \
    | gzip -9n > "$doc/changelog.Debian.gz"
install -m 644 packaging/deb/lintian-overrides "$share/lintian/overrides/$name"

# Debian's permissions: directories and programs 755, everything else 644.
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage$lib/$name" "$stage$lib/httpstatus"

# Depends: the system libraries the bundle's ELF files need and do not carry.
shlibs=build/deb/shlibs
mkdir -p "$shlibs/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$name" "$name" > "$shlibs/debian/control"
mapfile -t elves < <(find "$stage$lib" -type f \( -name '*.so*' -o -perm -u+x \) \
    -exec sh -c 'head -c 4 "$1" | grep -q ELF && echo "$1"' _ {} \; | sort)
private=$(find "$root/$stage$lib" -type f -name '*.so*' -printf '-l%h\n' | sort -u)
# dpkg-shlibdeps resolves $ORIGIN in RPATHs inside a package tree, one with DEBIAN/.
install -d -m 755 "$stage/DEBIAN"
# shellcheck disable=SC2086  # one -l option per folder
depends=$(cd "$shlibs" && dpkg-shlibdeps -O --warnings=1 $private "${elves[@]/#/$root/}" \
    2>"$root/build/deb/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { cat build/deb/shlibdeps.log >&2; echo "error: no Depends" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$debversion|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" \
    -e "s|@DEPENDS@|$depends|" -e "s|@HOMEPAGE@|$homepage|" packaging/deb/control.in > "$stage/DEBIAN/control"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

deb=dist/${name}_${debversion}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "built $deb ($(du -h "$deb" | cut -f1)); Depends: $depends"

# lintian: no errors, and no warning that is not overridden with its reason.
lintian --fail-on error,warning --display-info "$deb" \
    | tee build/deb/lintian.log
echo "lintian: no errors or warnings (see build/deb/lintian.log)"
