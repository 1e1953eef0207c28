"""What one client may take of the endpoint, and the deadlines that a slow client meets."""

from __future__ import annotations

from typing import NamedTuple


class Limits(NamedTuple):
    """Beyond them: 414, 431, 413, 408, a closed connection, or 503. The head and body
    deadlines follow Apache's mod_reqtimeout (header=20-40,MinRate=500 body=20,MinRate=500):
    a total time, extended by a second for every `min_rate` bytes received, up to a maximum,
    so that a client dripping bytes is cut off however steadily it drips."""

    request_line: int = 8 * 1024
    header_bytes: int = 16 * 1024
    body_bytes: int = 1024 * 1024
    # Between requests, and between reads within one.
    idle_seconds: float = 15.0
    head_seconds: float = 20.0
    head_max_seconds: float = 40.0
    body_seconds: float = 20.0
    min_rate: float = 500.0
    connections: int = 512
    # On shutdown, requests in progress get this long to finish.
    grace_seconds: float = 5.0
    # After an error answer, what the client still sends is read (and dropped) for this long
    # before the close, so that the answer is not lost to a reset (Apache's lingering close).
    linger_seconds: float = 2.0


DEFAULT_LIMITS = Limits()


class Deadline(NamedTuple):
    """A total time for part of a request, which the bytes received extend, up to a cap."""

    started: float
    seconds: float
    max_seconds: float | None
    min_rate: float

    def at(self, received: int) -> float:
        """When the time is up, given the bytes received so far."""
        allowed = self.seconds + (received / self.min_rate if self.min_rate > 0 else 0.0)
        if self.max_seconds is not None:
            allowed = min(allowed, self.max_seconds)
        return self.started + allowed
