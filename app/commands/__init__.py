"""Sub-commands of `httpstatus` that live in their own modules.

Each module exposes `add_arguments(parser)`, which sets `handler`; app/cli.py lists it in its
COMMANDS table. Module-level imports stay light: heavy ones go inside the handler.
"""
