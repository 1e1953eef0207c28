"""`python -m app`: the same entry point as the `httpstatus` command."""

import sys

from app.httpstatus import main

sys.exit(main())
