"""`make check-snippets`: every snippet for every code, run in its real framework or client.

Not part of `make test`: it needs toolchains (Node, Go, cargo, Ruby, PHP) and servers. See
run.py for what each language checks.
"""
