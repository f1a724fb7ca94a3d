"""A batch run: every input found under the given paths becomes exactly one record, in sorted order."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .pipeline import Pipeline, Settings, error_record
from .record import Record
from .sources import iter_inputs


@dataclass
class Summary:
    ingested: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return f"clipper: {self.ingested} ingested, {self.failed} failed in {self.seconds:.1f}s"


def run(
    paths: list[str],
    settings: Settings,
    summary: Summary,
    on_error: Callable[[str, str], None] | None = None,
) -> Iterator[Record]:
    """Yield one Record per input. Failed inputs yield error records and are reported to on_error."""
    started = time.monotonic()
    pipeline = Pipeline(settings)
    for path, problem in iter_inputs(paths):
        record = error_record(path, problem) if problem else pipeline.process_path(path)
        if record.error:
            summary.failed += 1
            reason = f"{record.error['message']} ({record.error['type']})"
            summary.failures.append((path, reason))
            if on_error:
                on_error(path, reason)
        else:
            summary.ingested += 1
        yield record
    summary.seconds = time.monotonic() - started
