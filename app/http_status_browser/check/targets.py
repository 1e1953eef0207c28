"""Reading what to check: URLs one a line, or a redirect map (from,to[,first status]) as CSV.

Both are read lazily, one line at a time, so that a list of any length costs the memory of
the lines in flight only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from urllib.parse import urljoin, urlsplit

from http_status_browser.check.records import Expectation, Target

SCHEMES = ("http", "https")
HEADER_WORDS = frozenset({"from", "source", "old", "url", "old url", "from url"})
# The userinfo of an absolute or scheme-relative URL: up to the authority's last @.
_USERINFO = re.compile(r"^((?:[A-Za-z][A-Za-z0-9+.-]*:)?//)[^/?#]*@")


def without_credentials(url: str) -> str:
    """`url` with any user name and password taken out: what is shown and sent onwards.
    Works on absolute and scheme-relative URLs, valid or not."""
    return _USERINFO.sub(r"\1", url, count=1)


def invalid_reason(url: str) -> str | None:
    """Why `url` cannot be checked, in words; None for an http or https URL with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as error:
        return f"not a valid URL ({error})"
    if parts.scheme.lower() not in SCHEMES:
        if not parts.scheme:
            return "not a URL: it needs http:// or https://"
        return f"not an http or https URL (scheme {parts.scheme!r})"
    if not parts.hostname:
        return "not a valid URL: no host"
    if any(character.isspace() or not character.isprintable() for character in parts.hostname):
        return "not a valid URL: the host name has spaces or control characters"
    del port
    return None


def url_lines(lines: Iterable[str], name: str) -> Iterator[Target]:
    """One target per line; blank lines and lines starting with # are skipped."""
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text and not text.startswith("#"):
            yield Target(text, f"{name}:{number}")


def url_arguments(urls: Iterable[str]) -> Iterator[Target]:
    """Command line arguments as targets. Bytes that were not UTF-8 (which Python keeps as
    lone surrogates) become U+FFFD, as they do when a file is read: printable everywhere."""
    for number, url in enumerate(urls, 1):
        text = url.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        yield Target(text.strip(), f"argument {number}")


def _is_header(row: list[str]) -> bool:
    return row[0].strip().lower() in HEADER_WORDS and invalid_reason(row[0].strip()) is not None


def redirect_map(lines: Iterable[str], name: str) -> Iterator[Target]:
    """A redirect map's rows as targets: `from,to[,first status]`, a header row allowed,
    blank rows and rows starting with # skipped. `to` may be relative to `from`. A row that
    cannot be read becomes a target that says why, so that it is reported in its place."""
    reader = csv.reader(lines)
    first = True
    for row in reader:
        where = f"{name}:{reader.line_num}"
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if first and _is_header(cells):
            first = False
            continue
        first = False
        yield _map_row(cells, where)


def _map_row(cells: list[str], where: str) -> Target:
    source = cells[0]
    if len(cells) < 2 or not cells[1]:
        return Target(source, where, invalid=f"{where}: a row needs from,to[,status]")
    if len(cells) > 3 and any(cells[3:]):
        return Target(source, where, invalid=f"{where}: more than three columns")
    status: int | None = None
    if len(cells) == 3 and cells[2]:
        if not (cells[2].isdecimal() and 100 <= int(cells[2]) <= 599):
            return Target(
                source, where, invalid=f"{where}: status {cells[2]!r} is not a code 100-599"
            )
        status = int(cells[2])
    return Target(source, where, Expectation(urljoin(source, cells[1]), status))


def looks_like_map(lines: Iterable[str]) -> bool:
    """Whether text is a redirect map rather than a URL list: its first row (after blank
    lines, comments and a header) has a URL, then a URL or a path, separated by a comma."""
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        cells = [cell.strip() for cell in next(csv.reader([text]))]
        if len(cells) < 2:
            return False
        if _is_header(cells):
            continue
        return invalid_reason(cells[0]) is None and (
            invalid_reason(cells[1]) is None or cells[1].startswith("/")
        )
    return False


# How much of a file decides what it is: its first few rows, read from its first bytes.
SNIFF_ROWS = 5
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 64  # lines read ahead to tell a redirect map from a URL list


def _is_url(text: str) -> bool:
    return not any(c.isspace() for c in text) and invalid_reason(text) is None


def _is_map_row(cells: list[str]) -> bool:
    """`from,to[,status]`: an http(s) URL, then a URL or a path, then maybe a code."""
    if not 2 <= len(cells) <= 3 or not _is_url(cells[0]):
        return False
    if not (_is_url(cells[1]) or (cells[1].startswith("/") and " " not in cells[1])):
        return False
    return len(cells) == 2 or not cells[2] or (cells[2].isdecimal() and len(cells[2]) == 3)


def looks_like_check_list(lines: Iterable[str]) -> bool:
    """Whether text is something to check rather than a log to explain: its first rows
    (SNIFF_ROWS, after blank lines and # comments, a redirect map's header allowed first) are
    all http(s) URLs, one a line, or all redirect map rows. A log line, a transcript or a HAR
    file starts otherwise."""
    header = False
    texts: list[str] = []
    rows: list[list[str]] = []
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        cells = [cell.strip() for cell in next(csv.reader([text]), [])]
        if not rows and not header and len(cells) in (2, 3) and _is_header(cells):
            header = True
            continue
        texts.append(text)
        rows.append(cells)
        if len(rows) >= SNIFF_ROWS:
            break
    if not rows:
        return False
    if not header and all(_is_url(text) for text in texts):  # a URL may hold a comma
        return True
    return all(_is_map_row(row) for row in rows)


def file_looks_like_check_list(path: str) -> bool:
    """looks_like_check_list on the first SNIFF_BYTES of a file; False if it cannot be read.
    A compressed or binary file is not a list (its bytes decode to no URL)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return False
    lines = head.decode("utf-8", "replace").splitlines()
    if len(head) == SNIFF_BYTES and lines:
        lines.pop()  # cut in the middle
    return looks_like_check_list(lines)


def text_targets(text: str, name: str = "pasted") -> Iterator[Target]:
    """Pasted text: a redirect map if it looks like one, otherwise a URL list."""
    lines = text.splitlines()
    if looks_like_map(lines):
        return redirect_map(lines, name)
    return url_lines(lines, name)


def file_targets(path: str) -> Iterator[Target]:
    """A file's targets, read lazily: a redirect map for a .csv file or one whose first row
    reads as one (a .txt map), else a URL list. Raises OSError (from the first next()) when
    it cannot be opened."""
    with open(path, encoding="utf-8", errors="replace", newline="") as stream:
        head = list(islice(stream, SNIFF_LINES))
        lines = chain(head, stream)
        if path.lower().endswith(".csv") or looks_like_map(head):
            yield from redirect_map(lines, path)
        else:
            yield from url_lines(lines, path)
