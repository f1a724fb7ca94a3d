"""The `clipper` command's entry point: signal handling first, then the heavy imports.

Loading the stages takes about a second (trafilatura, langdetect, the gazetteer); a Ctrl-C or a
SIGTERM in that second must end the process with 130 / 143 and no traceback, like one at any other
moment. While modules load, the process ends at once (an exception raised inside the import machinery
can be swallowed and printed instead); once loaded, a signal raises SystemExit, so `finally` blocks
still remove temp files. `ingest` replaces these handlers with its own (stop after the current record
and commit) while it runs, and puts them back after.
"""
from __future__ import annotations

import os
import signal
import sys

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _end_now(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def _exit(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


def _handle(handler) -> None:
    for sig in _SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:  # ignored by whoever started us (nohup, `&`): stays so
            signal.signal(sig, handler)


def main() -> None:
    _handle(_end_now)
    from .cli import main as cli_main

    _handle(_exit)
    cli_main()
