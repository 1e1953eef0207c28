"""HTTP Status Browser: an offline reference for HTTP status codes."""

__version__ = "0.1.0"
APP_NAME = "HTTP Status Browser"
PROG = "httpstatus"  # the command, as its messages name it
