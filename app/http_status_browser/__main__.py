"""`python -m http_status_browser`: the same entry point as the `httpstatus` command."""

import sys

from http_status_browser.httpstatus import main

sys.exit(main())
