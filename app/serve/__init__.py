"""The local status endpoint behind `httpstatus serve` and the window's Try it: any method on
/{code} answers with that code and its headers. Qt-free; only the serve command imports it.
"""
