"""The local status endpoint behind `httpstatus serve` and the window's Try it: any method on
/{code} answers with that code and its headers. Qt-free. Only the serve command and Try it
import its modules; this file stays light, as every command line imports it for the port.
"""

# The port of `httpstatus serve` and of the window's Try it (when free).
DEFAULT_PORT = 8099
