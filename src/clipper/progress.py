"""What a batch run says on stderr: a progress bar for people at a terminal, and for cron nothing
but one line per failed input (plus the summary line when something failed)."""
from __future__ import annotations

import sys
import time
from typing import IO

_REDRAW_SECONDS = 0.2
_BAR_WIDTH = 24
# The first inputs include start-up (imports, loading the gazetteer): a rate from them is wild.
_ETA_MIN_DONE = 3
_ETA_MIN_SECONDS = 1.0


class Reporter:
    """quiet: failure lines only. verbose: also tracebacks of internal errors, notes, and the summary.
    The bar is drawn only when the stream is a terminal (`interactive`, detected by default) and
    `bar` is left on (off when records go to the same terminal: they would run into it)."""

    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False, verbose: bool = False,
                 interactive: bool | None = None, bar: bool = True):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.interactive = _isatty(self.stream) if interactive is None else interactive
        self.bar = bar
        self._total = 0
        self._done = 0
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._bar_shown = False

    @property
    def _show_bar(self) -> bool:
        return self.interactive and self.bar and not self.quiet

    def start(self, total: int) -> None:
        self._total = total
        self._started = time.monotonic()

    def advance(self, done: int = 1) -> None:
        self._done += done
        now = time.monotonic()
        if self._show_bar and (now - self._drawn_at >= _REDRAW_SECONDS or self._done == self._total):
            self._drawn_at = now
            self._draw(now)

    def error(self, path: str, reason: str, details: str | None = None) -> None:
        self._say(f"clipper: error: {path}: {reason}")
        if details and self.verbose:
            self._say(details.rstrip("\n"))

    def note(self, message: str) -> None:
        if self.verbose:
            self._say(f"clipper: {message}")

    def finish(self, summary_line: str, *, failed: bool) -> None:
        """Clears the bar; prints the summary at a terminal, with --verbose, or when something failed."""
        self._clear()
        if not self.quiet and (self.interactive or self.verbose or failed):
            self._say(summary_line, redraw=False)

    def always(self, message: str) -> None:
        """A line that even --quiet prints (an interruption: cron should hear of it)."""
        self._say(f"clipper: {message}", redraw=False)

    def _say(self, line: str, redraw: bool = True) -> None:
        self._clear()
        self.stream.write(line + "\n")
        self.stream.flush()
        if redraw and self._show_bar and self._total:
            self._draw(time.monotonic())

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-6)
        rate = self._done / elapsed
        filled = _BAR_WIDTH * self._done // max(self._total, 1)
        settled = self._done >= _ETA_MIN_DONE and elapsed >= _ETA_MIN_SECONDS
        left = self._total - self._done
        eta = _clock(left / rate) if left <= 0 or (settled and rate) else "--:--"
        line = (f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {self._done}/{self._total} "
                f"{rate:.1f} files/s ETA {eta}")
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._bar_shown = True

    def _clear(self) -> None:
        if self._bar_shown:
            self.stream.write("\r\x1b[K")
            self._bar_shown = False


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
