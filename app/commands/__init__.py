"""The httpstatus commands that live in modules of their own: each has add_arguments(parser),
which sets the parser's handler, and app/cli.py lists it in its COMMANDS table."""
