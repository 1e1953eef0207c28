"""The `httpstatus` command line: the parser, one module per larger command, and the terminal
output they share. Never imports Qt; `open` reaches the window through ui.launch only."""
