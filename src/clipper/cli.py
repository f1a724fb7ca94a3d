"""Command-line interface: parses options and calls library code, nothing more."""
from __future__ import annotations

import json
import os
import signal
import sys

import click

from . import __version__
from .ingest import IngestSettings, run
from .pipeline import Settings
from .progress import Reporter
from .record import RECORD_SCHEMA
from .sources import DEFAULT_MAX_BYTES
from .state import StateError, StateLocked

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_INTERRUPTED = 128  # + the signal number: 130 for SIGINT (Ctrl-C), 143 for SIGTERM


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clipper")
def cli() -> None:
    """Ingest and classify Scandinavian news clippings into JSON Lines.

    \b
    Exit status:
      0    every input ingested (or unchanged since the last run)
      1    some inputs failed (each has an error record and a line on stderr)
      2    usage error, or a state or output file that cannot be used
      3    another run holds the lock on the --state file (see --wait)
      130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: what was written is committed
      141  stdout closed by its reader (broken pipe); with --state, the batch is redone next run
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write JSON Lines to FILE instead of stdout: atomically (temp file + rename), or with "
                   "--state appended to it, so successive runs accumulate.")
@click.option("--pretty", is_flag=True, help="Indented JSON, for reading by eye (not JSON Lines).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Inputs larger than this get an error record instead of being read.")
@click.option("--state", "state", type=click.Path(dir_okay=False),
              help="SQLite file remembering what was ingested: unchanged inputs are skipped, and "
                   "duplicates are found across runs. Created if missing.")
@click.option("--force", is_flag=True, help="With --state: ingest every input again, changed or not.")
@click.option("--wait", is_flag=True, help="With --state: wait for a running clipper to finish instead "
                                           "of exiting with status 3.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Worker processes; output order stays the sorted input order. Runs with fewer "
                   "than 32 inputs to do use one process: starting workers would cost more.")
@click.option("-q", "--quiet", is_flag=True, help="No stderr output except the failure lines.")
@click.option("-v", "--verbose", is_flag=True, help="Also the summary line, notes, and tracebacks of "
                                                    "internal errors.")
def ingest(paths: tuple[str, ...], output: str | None, pretty: bool, max_bytes: int, state: str | None,
           force: bool, wait: bool, workers: int, quiet: bool, verbose: bool) -> None:
    """Turn every clipping under PATHS (files or folders, recursively) into one JSON record.

    With --state and -o FILE, each input yields exactly one record in FILE across any number of
    runs, even if a run is killed (kill -9 included): the next run drops what the killed one wrote
    after its last commit and redoes those inputs. With --state and stdout, a kill -9 may repeat up
    to the last 20 records on the next run; Ctrl-C and SIGTERM never do (they stop after the current
    record and commit).

    A progress bar and a summary line go to stderr when it is a terminal; under cron, stderr
    carries only failures (one line per failed input, then the summary).
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if (force or wait) and not state:
        raise click.UsageError("--force and --wait only mean something with --state")
    settings = IngestSettings(
        pipeline=Settings(max_bytes=max_bytes),
        output=output, pretty=pretty, state=state, force=force, wait=wait, workers=workers,
    )
    try:
        records_to_terminal = output in (None, "-") and sys.stdout.isatty()
        summary = run(paths, settings, Reporter(quiet=quiet, verbose=verbose, bar=not records_to_terminal))
    except BrokenPipeError:  # `clipper ingest ... | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(EXIT_INTERRUPTED + signal.SIGPIPE)
    except StateLocked as exc:
        click.echo(f"clipper: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except StateError as exc:
        click.echo(f"clipper: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as exc:  # the output cannot be created or written (no such folder, disk full)
        click.echo(f"clipper: error: cannot write {output or 'stdout'}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    if summary.interrupted_by:
        sys.exit(EXIT_INTERRUPTED + summary.interrupted_by)
    sys.exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    click.echo(json.dumps(RECORD_SCHEMA, indent=2, ensure_ascii=False))


def main() -> None:
    cli()
