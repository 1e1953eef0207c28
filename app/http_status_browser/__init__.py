"""HTTP Status Browser: an offline reference for HTTP status codes."""

__version__ = "0.1.0"
APP_NAME = "HTTP Status Browser"
PROG = "httpstatus"  # the command, as its messages name it
# The freedesktop application ID: the .desktop file, metainfo, icon and D-Bus names in
# resources/ are named after it (tests/test_desktop_files.py holds them to it).
APP_ID = "io.github.httpstatusbrowser.HttpStatusBrowser"
# The project's homepage, as Help > About shows it. resources/*.metainfo.xml and
# pyproject.toml cannot import it: tests/test_desktop_files.py holds them to it, and the .deb
# build reads it from here.
HOMEPAGE = "https://github.com/httpstatusbrowser/http-status-browser"
