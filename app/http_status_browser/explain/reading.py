"""Opening inputs and cutting them into lines in bounded chunks.

Memory stays flat however large the input: it is read CHUNK bytes at a time, and a line longer
than MAX_LINE (a binary file, a 10 MB line without a newline) is skipped to its end and
reported instead of being held.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import select
import stat
import zlib
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:  # collections.abc.Buffer from Python 3.12 on
    from typing_extensions import Buffer

CHUNK = 1 << 20
MAX_LINE = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
STDIN_NAME = "-"
POLL_SECONDS = 0.1  # how often a wait for a pipe looks whether it should stop

Stopped = Callable[[], bool]  # True once the reading should end (Ctrl+C, Cancel)


class SourceError(Exception):
    """An input that cannot be read at all, with the reason in words."""


def always_ready() -> bool:
    return True


class Source(NamedTuple):
    name: str
    stream: IO[bytes]  # decompressed when the file is gzip
    raw: IO[bytes]  # the file itself, for progress
    size: int  # bytes in the file itself; 0 when unknown (standard input, a pipe)
    compressed: bool
    ready: Callable[[], bool] = always_ready  # more bytes can be read at once (a pipe's)


class PollingReader(io.RawIOBase):
    """A pipe or terminal read so that a request to stop is noticed while no bytes come.

    A blocking read would wait for the writer however often the reader is asked to stop (a
    signal handler that only sets a flag does not end it), and raising from the handler would
    lose what the buffered reader had gathered. Instead each read waits with select() in
    short slices and reads as the end of the input once `stopped()`: what was read is kept.
    """

    def __init__(self, fd: int, stopped: Stopped) -> None:
        super().__init__()
        self.fd = fd
        self.stopped = stopped

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def ready(self, timeout: float = 0.0) -> bool:
        try:
            readable, _, _ = select.select([self.fd], [], [], timeout)
        except (OSError, ValueError):  # closed under us: the read says what happened
            return True
        return bool(readable)

    def readinto(self, buffer: Buffer) -> int:
        while not self.ready(POLL_SECONDS):
            if self.stopped():
                return 0
        if self.stopped():
            return 0
        view = memoryview(buffer).cast("B")
        data = os.read(self.fd, len(view))
        view[: len(data)] = data
        return len(data)


def _polled(stdin: IO[bytes], stopped: Stopped | None) -> PollingReader | None:
    """A PollingReader for standard input when it is a pipe or a terminal, else None."""
    if stopped is None:
        return None
    try:
        fd = stdin.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError, AttributeError):  # a test's stream, closed, or no fd
        return None
    return None if stat.S_ISREG(mode) else PollingReader(fd, stopped)


def _peekable(stream: IO[bytes]) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


def open_source(
    name: str, stdin: IO[bytes] | None = None, stopped: Stopped | None = None
) -> Source:
    """Opens a file (or standard input for "-"), decompressing gzip; raises SourceError.

    With `stopped`, standard input from a pipe or terminal ends once it returns True."""
    ready = always_ready
    if name == STDIN_NAME:
        if stdin is None:
            raise SourceError("standard input is not available")
        polled = _polled(stdin, stopped)
        try:
            raw: IO[bytes] = (
                _peekable(stdin) if polled is None else io.BufferedReader(polled, CHUNK)
            )
        except (OSError, ValueError) as error:  # closed, or not open for reading
            raise SourceError(f"standard input cannot be read ({error})") from None
        if polled is not None:
            ready = polled.ready
        size = 0
    else:
        try:
            raw = open(name, "rb")  # noqa: SIM115  (closed by the caller through close_source)
            size = os.fstat(raw.fileno()).st_size
        except IsADirectoryError:
            raise SourceError("is a directory; name the log files inside it") from None
        except FileNotFoundError:
            raise SourceError("no such file") from None
        except PermissionError:
            raise SourceError("permission denied") from None
        except OSError as error:
            raise SourceError(error.strerror or str(error)) from None
    try:
        head = raw.peek(2)[:2] if isinstance(raw, io.BufferedReader) else b""
    except (OSError, ValueError) as error:
        if name != STDIN_NAME:
            raw.close()
        raise SourceError(f"cannot be read ({error})") from None
    if head == GZIP_MAGIC:
        stream = cast(IO[bytes], GzipChunks(gzip.GzipFile(fileobj=raw, mode="rb")))
        return Source(name, stream, raw, size, True)
    return Source(name, raw, raw, size, False, ready)


class GzipChunks:
    """A gzip stream that hands over what it decompressed before a damaged or truncated end,
    and raises the problem on the next read (GzipFile.read alone would lose the last chunk)."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self.stream = stream
        self.problem: SourceError | None = None

    def read(self, size: int = CHUNK) -> bytes:
        if self.problem is not None:
            raise self.problem
        parts: list[bytes] = []
        got = 0
        try:
            while got < size:
                part = self.stream.read1(size - got)
                if not part:
                    break
                parts.append(part)
                got += len(part)
        except EOFError:
            self.problem = SourceError("the compressed data ends early (a truncated .gz file)")
        except (gzip.BadGzipFile, zlib.error) as error:
            self.problem = SourceError(f"damaged compressed data ({error})")
        if not parts and self.problem is not None:
            raise self.problem
        return b"".join(parts)

    def close(self) -> None:
        self.stream.close()


UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Utf16Chunks:
    """UTF-16 text (a transcript saved by Windows PowerShell) re-encoded as UTF-8, chunk by
    chunk, so that the readers see the same bytes as from any other file."""

    def __init__(self, first_chunk: bytes, stream: IO[bytes]) -> None:
        self.pending = first_chunk
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        self.done = False

    def read(self, size: int = CHUNK) -> bytes:
        if self.done:
            return b""
        raw, self.pending = (self.pending or read_chunk(self.stream, size)), b""
        if not raw:
            self.done = True
            return self.decoder.decode(b"", final=True).encode("utf-8")
        return self.decoder.decode(raw).encode("utf-8")


def as_utf8(stream: IO[bytes], first_chunk: bytes) -> tuple[IO[bytes], bytes]:
    """The stream and its first chunk as UTF-8: a UTF-8 BOM dropped, UTF-16 re-encoded."""
    if first_chunk[:2] in UTF16_BOMS:
        converted = cast(IO[bytes], Utf16Chunks(first_chunk, stream))
        return converted, read_chunk(converted)
    if first_chunk.startswith(UTF8_BOM):
        return stream, first_chunk[len(UTF8_BOM) :]
    return stream, first_chunk


def close_source(source: Source) -> None:
    if source.name != STDIN_NAME:
        source.stream.close()
        source.raw.close()


def read_chunk(stream: IO[bytes], size: int = CHUNK) -> bytes:
    """At most `size` bytes, as many as one read of the file gives (a pipe's are counted as
    they come, not when a megabyte has gathered); a damaged compressed stream raises
    SourceError."""
    read = getattr(stream, "read1", stream.read)
    try:
        return cast(bytes, read(size))
    except EOFError:
        raise SourceError("the compressed data ends early (a truncated .gz file)") from None
    except (gzip.BadGzipFile, zlib.error) as error:
        raise SourceError(f"damaged compressed data ({error})") from None
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from None


def read_first_chunk(source: Source) -> bytes:
    """The first chunk to tell the format from: a megabyte, all of a shorter input, or from a
    pipe the whole lines that have come so far (`tail -f` may send no more for a while)."""
    parts = [read_chunk(source.stream)]
    got = len(parts[0])
    while parts[-1] and got < CHUNK and (b"\n" not in parts[-1] or source.ready()):
        try:
            parts.append(read_chunk(source.stream, CHUNK - got))
        except SourceError:  # a damaged .gz says so again on the next read, after these lines
            break
        got += len(parts[-1])
    return b"".join(parts)


def drop_nuls(chunk: bytes) -> bytes:
    """The chunk without NUL bytes: no text log holds them, and a log truncated under its
    writer (logrotate's copytruncate) starts with a run of them that hides the lines after."""
    return chunk.replace(b"\0", b"") if b"\0" in chunk else chunk


def past_nul_run(first_chunk: bytes, stream: IO[bytes] | None) -> bytes:
    """The first chunk without NUL bytes; when it held nothing else, the next chunk that
    does (a log truncated under its writer can start with megabytes of NUL bytes)."""
    chunk = drop_nuls(first_chunk)
    while not chunk and first_chunk and stream is not None:
        first_chunk = read_chunk(stream)
        chunk = drop_nuls(first_chunk)
    return chunk


class Block(NamedTuple):
    """Whole lines of an input: data[start:end], newline-separated, without the last newline.

    Kept as a slice of the chunk it was read in, so that the access log fast path searches
    the chunk in place instead of copying it; `text` makes the copy for the slower paths.
    """

    first: int  # the number of its first line
    lines: int
    data: bytes
    start: int
    end: int

    @property
    def text(self) -> bytes:
        if self.start == 0 and self.end == len(self.data):
            return self.data
        return self.data[self.start : self.end]


class LineBlocks:
    """Cuts a stream into blocks of whole lines, one chunk at a time.

    The line that straddles two chunks is a block of its own. A line longer than MAX_LINE is
    dropped up to its newline and reported through `on_too_long` with its number. NUL bytes
    are dropped (see drop_nuls).
    """

    def __init__(
        self,
        stream: IO[bytes] | None,
        first_chunk: bytes,
        on_too_long: Callable[[int], None],
        on_chunk: Callable[[], None] | None = None,
    ) -> None:
        self.stream = stream
        self.first_chunk = first_chunk
        self.on_too_long = on_too_long
        self.on_chunk = on_chunk
        self.lines = 0  # lines seen so far, the overlong ones included

    def _too_long(self) -> None:
        self.lines += 1
        self.on_too_long(self.lines)

    def _single(self, line: bytes) -> Iterator[Block]:
        if len(line) > MAX_LINE:
            self._too_long()
        else:
            self.lines += 1
            yield Block(self.lines, 1, line, 0, len(line))

    def __iter__(self) -> Iterator[Block]:
        partial = b""
        skipping = False  # inside an overlong line, dropping bytes until its newline
        chunk = drop_nuls(self.first_chunk) or self._next()
        while chunk:
            start = 0
            if skipping:
                newline = chunk.find(b"\n")
                if newline < 0:
                    chunk = self._next()
                    continue
                skipping = False
                self._too_long()
                start = newline + 1
            end = chunk.rfind(b"\n")
            if end < start:
                partial += chunk[start:]
            else:
                if partial:
                    newline = chunk.find(b"\n", start)
                    yield from self._single(partial + chunk[start:newline])
                    start = newline + 1
                if start <= end:
                    count = chunk.count(b"\n", start, end) + 1  # counted once, here
                    yield Block(self.lines + 1, count, chunk, start, end)
                    self.lines += count
                partial = chunk[end + 1 :]
            if len(partial) > MAX_LINE:
                partial = b""
                skipping = True
            chunk = self._next()
        if skipping:
            self._too_long()
        elif partial:
            yield from self._single(partial)

    def _next(self) -> bytes:
        if self.stream is None:
            return b""
        if self.on_chunk is not None:
            self.on_chunk()
        while chunk := read_chunk(self.stream):
            if chunk := drop_nuls(chunk):
                return chunk
        return b""
