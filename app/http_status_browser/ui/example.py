"""The detail pane's Example section: the code's example exchange, and a Try it link that
asks the window to start the local endpoint for the code."""

from __future__ import annotations

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode
from http_status_browser.ui.colours import TRY_COLOUR
from http_status_browser.ui.html import badge, escape

TRY_SCHEME = "try"


def try_link(code: int) -> str:
    return f"{TRY_SCHEME}:{code}"


def example_html(status: StatusCode, registry: Registry) -> str:
    """The Example section: a heading with the Try it link, then the exchange, preformatted."""
    # Imported here: the first frame shows no Example (finish_start_up adds it), so building
    # the exchange module's types waits until after it.
    from http_status_browser.registry.exchange import example_text  # noqa: PLC0415

    # A link drawn as a button (rich text has no buttons); white on blue reads in light and
    # dark palettes, like the badges.
    link = (
        f'<a href="{try_link(status.code)}" style="text-decoration:none;" title="Start the '
        f'local endpoint and copy a curl command for {status.code}">'
        f"{badge('Try it', TRY_COLOUR)}</a>"
    )
    # pre-wrap: a long JSON line wraps instead of scrolling the whole pane sideways.
    return (
        f"<h3>Example &nbsp;{link}</h3>"
        f'<pre style="white-space: pre-wrap;">{escape(example_text(status, registry))}</pre>'
    )
