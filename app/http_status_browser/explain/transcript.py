"""Raw responses and status lines: `HTTP/1.1 404 Not Found`, `HTTP/2 301`, and `curl -i` and
`curl -v` transcripts (`< HTTP/2 301`), interim 1xx responses and `-L` redirect chains.

Everything else in a transcript (headers, bodies, curl's `*` notes) is expected and skipped.
"""

from __future__ import annotations

import re

from http_status_browser.explain.reading import Block
from http_status_browser.explain.tally import Tally

STATUS_LINE = re.compile(rb"\s*(?:< )?HTTP/(\d(?:\.\d)?) (\d{3})(?: ([^\r\n]*))?\s*$")
# curl -v's request line and Host header, so that --top can name what was asked for.
REQUEST_LINE = re.compile(rb"> [A-Z]+ (\S+) HTTP/")
HOST_LINE = re.compile(rb"> [Hh]ost: (\S+)")


def status_line(line: bytes) -> tuple[int, str] | None:
    """The code and phrase of a status line ("" without a phrase, as in HTTP/2), or None."""
    found = STATUS_LINE.match(line)
    if found is None:
        return None
    phrase = (found.group(3) or b"").strip().decode("utf-8", errors="replace")
    return int(found.group(2)), phrase


class TranscriptReader:
    """Remembers the last request (curl -v) to pair it with the status that follows."""

    def __init__(self) -> None:
        self.host = b""
        self.target = b""

    def count_block(self, block: Block, tally: Tally) -> None:
        for line in block.text.split(b"\n"):
            found = STATUS_LINE.match(line)
            if found is not None:
                phrase = (found.group(3) or b"").strip().decode("utf-8", errors="replace")
                target = self.host + self.target if self.target else None
                tally.add(int(found.group(2)), phrase, target, None, self.host or None)
            elif line.startswith(b"> "):
                request = REQUEST_LINE.match(line)
                host = HOST_LINE.match(line)
                if request is not None:
                    self.target = request.group(1)
                    self.host = b""
                elif host is not None and self.target.startswith(b"/"):
                    self.host = host.group(1)
