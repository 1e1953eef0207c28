"""A status code as a person typed it, read against a registry: the entry, or a message that
says what they probably meant. Shared by the command line and the window's launch requests."""

from __future__ import annotations

from collections.abc import Sequence

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode


class UsageError(Exception):
    """Malformed input such as "4o4" or an unknown option value: reported in one line."""


def close_matches(word: str, options: Sequence[str], count: int) -> list[str]:
    """Options the user probably meant: one that starts the word ("golang": go), else similar."""
    lowered = word.casefold()
    prefixes = [o for o in options if lowered.startswith(o.casefold()) or o.startswith(lowered)]
    if lowered and prefixes:
        return sorted(prefixes, key=len, reverse=True)[:count]
    import difflib  # noqa: PLC0415  (only on a mistake: keeps every other run fast)

    return difflib.get_close_matches(word, options, n=count)


_LOOKALIKE_DIGITS = str.maketrans("oOlIi", "00111")


def meant_as_code(text: str) -> bool:
    """Whether `text` is a code, or one typed with letters for digits ("4o4", "5OO"): it has a
    digit and reads as digits once the lookalike letters are replaced."""
    stripped = text.strip()
    return any(c.isdigit() for c in stripped) and stripped.translate(_LOOKALIKE_DIGITS).isdecimal()


def parse_code(text: str, registry: Registry) -> StatusCode:
    """A status code argument; unknown or malformed ones raise with a suggestion."""
    cleaned = text.strip()
    if not cleaned.isdecimal():
        # "4o4", "5OO", "4l8": letters that look like digits are the usual slip.
        as_digits = cleaned.translate(_LOOKALIKE_DIGITS)
        suggested = registry.lookup(int(as_digits)) if as_digits.isdecimal() else None
        matches = [suggested] if suggested else [m.status for m in registry.search(cleaned)]
        hint = f"; did you mean {matches[0].title}?" if matches else ""
        raise UsageError(f"{text!r} is not a status code number{hint}")
    found = registry.lookup(int(cleaned))
    if found is None:
        known = [str(s.code) for s in registry.statuses]
        close = close_matches(cleaned, known, 2)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise LookupError(f"no status code {cleaned} in the registry{hint}")
    return found
