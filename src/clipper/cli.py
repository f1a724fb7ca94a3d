"""Command-line interface: parses options and calls library code, nothing more."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .ingest import Summary, run
from .output import RecordWriter
from .pipeline import Settings
from .record import RECORD_SCHEMA
from .sources import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clipper")
def cli() -> None:
    """Ingest and classify Scandinavian news clippings into JSON Lines.

    Exit status: 0 every input ingested, 1 some inputs failed (each has an
    error record and a line on stderr), 2 usage error.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write JSON Lines to FILE (atomically: temp file + rename) instead of stdout.")
@click.option("--pretty", is_flag=True, help="Indented JSON, for reading by eye (not JSON Lines).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Inputs larger than this get an error record instead of being read.")
@click.option("-q", "--quiet", is_flag=True, help="No stderr output except the failure lines.")
def ingest(paths: tuple[str, ...], output: str | None, pretty: bool, max_bytes: int, quiet: bool) -> None:
    """Turn every clipping under PATHS (files or folders, recursively) into one JSON record."""
    settings = Settings(max_bytes=max_bytes)
    summary = Summary()

    def report(path: str, reason: str) -> None:
        click.echo(f"clipper: error: {path}: {reason}", err=True)

    with RecordWriter(output, pretty=pretty) as writer:
        for record in run(list(paths), settings, summary, on_error=report):
            writer.write(record.to_dict())
    if summary.failed and not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    click.echo(json.dumps(RECORD_SCHEMA, indent=2, ensure_ascii=False))


def main() -> None:
    cli()
