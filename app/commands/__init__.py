"""The httpstatus commands that live in modules of their own: each exposes
add_arguments(parser), which sets the parser's handler. app/cli.py lists them in COMMANDS."""
