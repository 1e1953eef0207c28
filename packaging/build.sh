#!/usr/bin/env bash
# Build the bundle for this platform into dist/, smoke-test it, and on Linux pack a .tar.gz.
# Usage: packaging/build.sh PYTHON   (a Python with the project and PyInstaller installed)
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$("$python" -c 'import http_status_browser as p; print(p.__version__)')
name=http-status-browser
started=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/$name.spec
echo "built in $(( $(date +%s) - started )) s: $(du -sh dist/$name | cut -f1) dist/$name"
case "$(uname -s)" in
    Darwin) executable="dist/HTTP Status Browser.app/Contents/MacOS/$name" ;;
    MINGW*|MSYS*|CYGWIN*) executable="dist/$name/$name.exe" ;;
    *) executable="dist/$name/$name" ;;
esac
"$python" packaging/smoke_test.py "$executable"
if [ "$(uname -s)" = Linux ]; then
    stage=build/tarball/$name-$version
    rm -rf build/tarball && mkdir -p "$stage"
    cp -r "dist/$name" "$stage/"
    id=$("$python" -c 'import http_status_browser as p; print(p.APP_ID)')
    cp resources/$id.desktop resources/$id.metainfo.xml packaging/INSTALL.txt "$stage/"
    # Desktop search (GNOME Shell, KRunner) and its install script: see INSTALL.txt.
    cp resources/$id.SearchProvider.service resources/$id.search-provider.ini \
        resources/$id.krunner.desktop packaging/desktop-search.sh "$stage/"
    cp -rL resources/icons "$stage/"  # -L: the scalable icon is a link to the app's SVG
    # The licence, the notices and the licence texts of everything the bundle carries.
    cp LICENSE THIRD-PARTY-NOTICES.md "$stage/"
    "$python" packaging/collect_licenses.py "$stage/licenses"
    archive="dist/$name-$version-linux-$(uname -m).tar.gz"
    tar -C build/tarball -czf "$archive" "$name-$version"
    echo "packed $archive ($(du -h "$archive" | cut -f1))"
fi
