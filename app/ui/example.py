"""The detail pane's Example section: the code's example exchange, and a Try it link that
asks the window to start the local endpoint for the code."""

from __future__ import annotations

from collections.abc import Callable

from app.registry.exchange import example_text
from app.registry.model import Registry, StatusCode

TRY_SCHEME = "try"


def try_link(code: int) -> str:
    return f"{TRY_SCHEME}:{code}"


def example_html(status: StatusCode, registry: Registry, escape: Callable[[str], str]) -> str:
    """The Example section: a heading with the Try it link, then the exchange, preformatted."""
    link = (
        f'<a href="{try_link(status.code)}" title="Start the local endpoint and copy a curl '
        f'command for {status.code}">Try it</a>'
    )
    return (
        f"<h3>Example &nbsp;<small>{link}</small></h3>"
        f"<pre>{escape(example_text(status, registry))}</pre>"
    )
