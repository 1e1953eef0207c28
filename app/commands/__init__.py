"""httpstatus commands, one module each: `add_arguments(parser)` sets the parser's handler."""
