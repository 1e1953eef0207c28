#!/usr/bin/env bash
# Desktop search for the current user: the GNOME Shell search provider, the KRunner runner and
# the D-Bus service that answers both (started on demand, see app/http_status_browser/desktop/search_provider.py).
#   desktop-search.sh install COMMAND [FOLDER]  COMMAND runs httpstatus (the bundle's
#                                               http-status-browser does); FOLDER holds the
#                                               files (default: beside this script)
#   desktop-search.sh uninstall
set -euo pipefail
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=io.github.httpstatusbrowser.HttpStatusBrowser  # APP_ID in app/http_status_browser/__init__.py
service=$data/dbus-1/services/$id.SearchProvider.service
provider=$data/gnome-shell/search-providers/$id.search-provider.ini
runner=$data/krunner/dbusplugins/$id.krunner.desktop
case "${1:-}" in
    install)
        [ $# -ge 2 ] || { echo "usage: $0 install COMMAND [FOLDER]" >&2; exit 2; }
        # D-Bus does not search PATH: the service file names the command by its full path.
        command=$(realpath "$2")
        folder=${3:-$(cd "$(dirname "$0")" && pwd)}
        mkdir -p "$(dirname "$service")" "$(dirname "$provider")" "$(dirname "$runner")"
        sed "s|@HTTPSTATUS@|$command|" "$folder/$id.SearchProvider.service" > "$service"
        cp "$folder/$id.search-provider.ini" "$provider"
        cp "$folder/$id.krunner.desktop" "$runner"
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
