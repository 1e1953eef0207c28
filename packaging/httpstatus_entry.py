"""The frozen bundle's command line: httpstatus [COMMAND ...] (http_status_browser/httpstatus.py).

A second executable beside http-status-browser in the same folder, sharing its libraries."""

import sys

from http_status_browser.httpstatus import main

sys.exit(main())
