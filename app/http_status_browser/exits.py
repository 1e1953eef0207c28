"""The exit statuses of every `httpstatus` and `http-status-browser` run, shared by the command
line and the window's answers to later launches (which exit with the status it sends)."""

EXIT_OK = 0
EXIT_NOT_FOUND = 1  # no such code, nothing matched, or a file with problems
EXIT_USAGE = 2  # a malformed command line or argument
