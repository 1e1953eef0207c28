#!/usr/bin/env bash
# Desktop search for the current user: the GNOME Shell search provider, the KRunner runner and
# the D-Bus service that answers both (started on demand, see app/http_status_browser/desktop/search_provider.py).
#   desktop-search.sh install COMMAND [FOLDER]  COMMAND runs httpstatus (the bundle's
#                                               http-status-browser does); FOLDER holds the
#                                               files (default: beside this script)
#   desktop-search.sh uninstall
set -euo pipefail
data=${XDG_DATA_HOME:-$HOME/.local/share}
name=org.httpstatusbrowser.HTTPStatusBrowser.SearchProvider
service=$data/dbus-1/services/$name.service
provider=$data/gnome-shell/search-providers/http-status-browser.search-provider.ini
runner=$data/krunner/dbusplugins/http-status-browser-krunner.desktop
case "${1:-}" in
    install)
        [ $# -ge 2 ] || { echo "usage: $0 install COMMAND [FOLDER]" >&2; exit 2; }
        # D-Bus does not search PATH: the service file names the command by its full path.
        command=$(realpath "$2")
        folder=${3:-$(cd "$(dirname "$0")" && pwd)}
        mkdir -p "$(dirname "$service")" "$(dirname "$provider")" "$(dirname "$runner")"
        sed "s|@HTTPSTATUS@|$command|" "$folder/$name.service" > "$service"
        cp "$folder/http-status-browser.search-provider.ini" "$provider"
        cp "$folder/http-status-browser-krunner.desktop" "$runner"
        echo "desktop search installed: $service"
        ;;
    uninstall)
        rm -f "$service" "$provider" "$runner"
        echo "desktop search removed"
        ;;
    *)
        echo "usage: $0 install COMMAND [FOLDER] | uninstall" >&2
        exit 2
        ;;
esac
