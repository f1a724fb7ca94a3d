"""Command-line interface: parses options and calls library code, nothing more."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable

import click

from . import __version__, config, entities, topics
from .errors import InputError
from .executor import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Budget
from .ingest import Given, IngestSettings, run
from .inputs import DEFAULT_MAX_BYTES
from .pipeline import Settings, pipeline_for
from .progress import Reporter
from .record import RECORD_SCHEMA
from .state import StateError, StateLocked

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
EXIT_INTERRUPTED = 128  # + the signal number: 130 for SIGINT (Ctrl-C), 143 for SIGTERM


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="clipper")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="TOML file of default options per command (an [ingest] table: state, output, gazetteer, "
                   "taxonomy, workers …). Default: clipper.toml in the working folder, if there is one.")
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """Ingest and classify Scandinavian news clippings into JSON Lines.

    \b
    Examples:
      clipper ingest clippings/ > records.jsonl
      clipper ingest clippings/ --state ~/.clipper.db -o ~/clippings.jsonl
      clipper ls records.jsonl
      clipper digest records.jsonl -o digest.html

    \b
    Exit status:
      0    every input ingested (or unchanged since the last run)
      1    some inputs failed (each has an error record and a line on stderr)
      2    usage error, or a state or output file that cannot be used
      3    another run holds the lock on the --state file (see --wait)
      130  interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: what was written is committed
      141  stdout closed by its reader (broken pipe); with --state, the batch is redone next run
    """
    try:
        ctx.default_map = config.load_defaults(config_file)
    except config.ConfigError as exc:
        raise click.UsageError(str(exc)) from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--files-from", "files_from", type=click.File("rb"),
              help="Also ingest the paths listed in FILE (- for stdin), one per line.")
@click.option("-0", "--null", "null", is_flag=True, help="With --files-from: the paths are separated by NUL "
                                                          "bytes (as `find -print0` writes them), not lines.")
@click.option("--name", help="With - (stdin): the source.path of its record (default: -).")
@click.option("--follow-links", is_flag=True, help="Follow symbolic links found in folders even when they lead "
                                                   "outside the folders given (by default such links get an "
                                                   "error record and are not read).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds of analysis one document may take; over it, an error record `timeout` and the "
                   "batch goes on. 0: no limit.")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=0), default=DEFAULT_MEMORY_MB,
              show_default=True, help="MB of memory a worker process may add while analysing a document; over "
                                      "it, an error record `too_large`. 0: no limit. (Workers only: see -j.)")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write JSON Lines to FILE instead of stdout: atomically (temp file + rename), or with "
                   "--state appended to it, so successive runs accumulate.")
@click.option("--pretty", is_flag=True, help="Indented JSON, for reading by eye (not JSON Lines).")
@click.option("--max-bytes", type=config.BYTE_SIZE, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Inputs larger than this get an error record instead of being read: bytes, or with a "
                   "unit (500k, 5M, 1G).")
@click.option("--state", "state", type=click.Path(dir_okay=False),
              help="SQLite file remembering what was ingested: unchanged inputs are skipped, and "
                   "duplicates are found across runs. Created if missing.")
@click.option("--force", is_flag=True, help="With --state: ingest every input again, changed or not.")
@click.option("--wait", is_flag=True, help="With --state: wait for a running clipper to finish instead "
                                           "of exiting with status 3.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Worker processes; output order stays the sorted input order. Runs with fewer "
                   "than 32 inputs to do use one process: starting workers would cost more.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra regions/vendors/products, TOML in the format of the built-in gazetteer "
                   "(see `clipper entities`); merged into it. Repeatable.")
@click.option("--no-default-gazetteer", is_flag=True,
              help="The --gazetteer files replace the built-in regions, vendors and products instead of "
                   "adding to them.")
@click.option("--taxonomy", type=click.Path(exists=True, dir_okay=False),
              help="Topic taxonomy TOML that replaces the built-in one (see `clipper topics`).")
@click.option("--only-relevant", is_flag=True,
              help="Write only records relevant to the monitored field (errors are always written); "
                   "off-topic ones still count in the summary.")
@click.option("--dask", "scheduler", metavar="SCHEDULER",
              help="Run on a Dask cluster (needs clipper[dask]): tcp://host:8786, or local / local:N for "
                   "a cluster of N worker processes on this machine. Not with --state.")
@click.option("--docs-per-task", type=click.IntRange(min=1), default=100, show_default=True,
              help="With --dask: inputs per Dask task at most (fewer where that leaves under 4 tasks per "
                   "worker thread; a container's documents stay in its task).")
@click.option("--output-dir", type=click.Path(file_okay=False),
              help="With --dask: the workers write DIR/part-NNNNN.jsonl (in input order by name) "
                   "instead of sending records back.")
@click.option("-q", "--quiet", is_flag=True, help="No stderr output except the failure lines.")
@click.option("-v", "--verbose", is_flag=True, help="Also the summary line, notes, and tracebacks of "
                                                    "internal errors.")
def ingest(paths: tuple[str, ...], files_from, null: bool, name: str | None, follow_links: bool, timeout: float,
           max_memory: int, output: str | None, pretty: bool, max_bytes: int, state: str | None,
           force: bool, wait: bool, workers: int, gazetteers: tuple[str, ...], no_default_gazetteer: bool,
           taxonomy: str | None, only_relevant: bool, scheduler: str | None, docs_per_task: int,
           output_dir: str | None, quiet: bool, verbose: bool) -> None:
    """Turn every document under PATHS (files or folders, recursively; - reads one input from stdin)
    into one JSON record. A file is one document; an mbox or a WARC file holds several.

    A path that does not exist gets an error record `not_found` (exit 1), like any unreadable input.

    With --state and -o FILE, each input yields exactly one record in FILE across any number of
    runs, even if a run is killed (kill -9 included): the next run drops what the killed one wrote
    after its last commit and redoes those inputs. With --state and stdout, a kill -9 may repeat up
    to the last 20 records on the next run; Ctrl-C and SIGTERM never do (they stop after the current
    record and commit).

    A progress bar and a summary line go to stderr when it is a terminal; under cron, stderr
    carries only failures (one line per failed input, then the summary).

    \b
    Examples:
      clipper ingest clippings/ > records.jsonl
      clipper ingest a.html b.txt | jq -r '.title'
      clipper ingest clippings/ --only-relevant -o relevant.jsonl
      clipper ingest ~/clippings --state ~/.clipper.db -o ~/clippings.jsonl   # from cron
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if (force or wait) and not state:
        raise click.UsageError("--force and --wait only mean something with --state")
    if null and not files_from:
        raise click.UsageError("-0 only means something with --files-from")
    runner = _dask_runner(scheduler, docs_per_task, output_dir, output, pretty, state) if scheduler else run
    inputs = _inputs(paths, files_from, null, name, max_bytes)
    settings = IngestSettings(
        pipeline=_checked(Settings(max_bytes=max_bytes, gazetteer_files=gazetteers, taxonomy_file=taxonomy,
                                   default_gazetteer=not no_default_gazetteer)),
        output=output, pretty=pretty, state=state, force=force, wait=wait, workers=workers,
        only_relevant=only_relevant, follow_links=follow_links, budget=Budget(timeout, max_memory),
    )
    try:
        records_to_terminal = output in (None, "-") and sys.stdout.isatty()
        summary = runner(inputs, settings, Reporter(quiet=quiet, verbose=verbose, bar=not records_to_terminal))
    except BrokenPipeError:  # `clipper ingest ... | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(EXIT_INTERRUPTED + signal.SIGPIPE)
    except StateLocked as exc:
        click.echo(f"clipper: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except StateError as exc:
        click.echo(f"clipper: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except sqlite3.DatabaseError as exc:  # damage in the state file found only once the run reached it
        click.echo(f"clipper: error: the state file {state} cannot be used ({exc}); nothing after the "
                   "last commit was kept; move it away to start afresh", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as exc:  # the output cannot be created or written (no such folder, disk full)
        click.echo(f"clipper: error: cannot write {output or 'stdout'}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    if summary.interrupted_by:
        sys.exit(EXIT_INTERRUPTED + summary.interrupted_by)
    sys.exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


_FILTER_OPTIONS = [
    click.option("--since", metavar="DATE", help="Only clippings published on or after DATE (YYYY-MM-DD)."),
    click.option("--until", metavar="DATE", help="Only clippings published on or before DATE."),
    click.option("--topic", "topics_wanted", multiple=True, help="Only clippings with this topic. Repeatable."),
    click.option("--region", "regions", multiple=True, help="Only clippings naming this region. Repeatable."),
    click.option("--vendor", "vendors", multiple=True, help="Only clippings naming this vendor. Repeatable."),
]


def _filter_options(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


def _records_or_exit(files: tuple[str, ...]) -> list[dict]:
    from . import records

    try:
        return list(records.read_records(files))
    except records.RecordsError as exc:
        click.echo(f"clipper: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@cli.command("digest", epilog="""\b
Examples:
  clipper digest records.jsonl -o digest.html
  clipper digest records.jsonl --since 2024-03-01 --topic delay --format md > week.md
  clipper ingest clippings/ | clipper digest - -o digest.html""")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write the digest to FILE (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True,
              help="A self-contained HTML page, or Markdown for an e-mail.")
@click.option("--title", default="Clippings", show_default=True, help="The digest's heading.")
@click.option("--all", "include_all", is_flag=True, help="Also clippings judged off the monitored field.")
@_filter_options
def digest_command(files: tuple[str, ...], output: str, fmt: str, title: str, include_all: bool,
                   since: str | None, until: str | None, topics_wanted: tuple[str, ...],
                   regions: tuple[str, ...], vendors: tuple[str, ...]) -> None:
    """Make a digest a person would read from the records in FILES ('-' for stdin): the period covered,
    counts per topic, region and vendor, a timeline per week, and the clippings grouped by topic with
    their lead, regions, vendors, products and amounts; near-duplicates folded under their original."""
    from . import digest, records  # the reading commands' modules: not loaded for an ingest run

    filters = records.Filters(since=since, until=until, topics=topics_wanted, regions=regions,
                              vendors=vendors, relevant_only=not include_all)
    made = digest.build(_records_or_exit(files), filters)
    text = digest.to_html(made, title) if fmt == "html" else digest.to_markdown(made, title)
    with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as out:
        out.write(text)


@cli.command("ls", epilog="""\b
Examples:
  clipper ls records.jsonl
  clipper ls records.jsonl --relevant --since 2024-01-01
  clipper ingest clippings/ | clipper ls -""")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--relevant", is_flag=True, help="Only clippings relevant to the monitored field.")
@click.option("--no-header", is_flag=True, help="No column names (for grep and sort).")
@_filter_options
def list_records(files: tuple[str, ...], relevant: bool, no_header: bool, since: str | None, until: str | None,
                 topics_wanted: tuple[str, ...], regions: tuple[str, ...], vendors: tuple[str, ...]) -> None:
    """List the records in FILES ('-' for stdin) as a table: date, language, relevance, topics, title.
    The latest record of each input stands for it; failed inputs are listed as ERROR."""
    from . import listing, records

    filters = records.Filters(since=since, until=until, topics=topics_wanted, regions=regions,
                              vendors=vendors, relevant_only=relevant)
    filtering = any((since, until, topics_wanted, regions, vendors, relevant))
    shown = [r for r in records.latest_per_input(_records_or_exit(files))
             if (r.get("error") and not filtering) or filters.admit(r)]
    width = shutil.get_terminal_size((100, 24)).columns
    click.echo(listing.render(listing.rows(shown), width, header=not no_header), nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a record (draft 2020-12).

    \b
    Example:
      clipper schema > record.schema.json
    """
    click.echo(json.dumps(RECORD_SCHEMA, indent=2, ensure_ascii=False))


@cli.command("entities")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also list the entries of this gazetteer file, merged as `ingest` would. Repeatable.")
@click.option("--no-default-gazetteer", is_flag=True, help="List only the --gazetteer files' entries.")
@click.option("--type", "types", multiple=True, type=click.Choice(entities.ENTITY_TYPES),
              help="Only entries of this type. Repeatable.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry instead of a table.")
@click.option("--path", "show_path", is_flag=True, help="Print where the built-in gazetteer files are, and stop.")
def list_entities(gazetteers: tuple[str, ...], no_default_gazetteer: bool, types: tuple[str, ...], as_json: bool,
                  show_path: bool) -> None:
    """List the regions, vendors and products clipper knows, with their aliases.

    A record's entities carry known: true when they come from this list, false when found from their
    context (a system noun, a supplier phrase, a legal form): review those and add them with --gazetteer.

    \b
    Examples:
      clipper entities --type vendor
      clipper entities --gazetteer mine.toml --no-default-gazetteer
      clipper entities --path
    """
    if show_path:
        click.echo("\n".join(str(item) for item in entities.package_files()))
        return
    gazetteer = _load_or_exit(lambda: entities.load_gazetteer(gazetteers, default_entries=not no_default_gazetteer))
    columns = ("type", "name", "country", "parent", "known", "aliases")
    if not as_json:
        click.echo("\t".join(columns))
    for entry in entities.iter_entries(gazetteer):
        if types and entry["type"] not in types:
            continue
        if as_json:
            click.echo(json.dumps(entry, ensure_ascii=False))
        else:
            row = {**entry, "known": str(entry["known"]).lower(), "aliases": ", ".join(entry["aliases"])}
            click.echo("\t".join(row[column] or "" for column in columns))


@cli.command("topics")
@click.option("--taxonomy", type=click.Path(exists=True, dir_okay=False),
              help="List this taxonomy file instead of the built-in one.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per label instead of a table.")
@click.option("--path", "show_path", is_flag=True, help="Print where the built-in taxonomy file is, and stop.")
def list_topics(taxonomy: str | None, as_json: bool, show_path: bool) -> None:
    """List the topic labels `ingest` can assign, with their definitions.

    \b
    Examples:
      clipper topics
      clipper topics --taxonomy windpower.toml --json
      clipper topics --path
    """
    if show_path:
        click.echo(str(topics.package_file()))
        return
    for label in topics.label_definitions(_load_or_exit(topics.load_taxonomy, taxonomy)):
        click.echo(json.dumps(label, ensure_ascii=False) if as_json else f"{label['label']}\t{label['definition']}")


def _inputs(paths: tuple[str, ...], files_from, null: bool, name: str | None, max_bytes: int) -> list[str | Given]:
    """PATHS, with - as the bytes of stdin, then the paths listed in --files-from."""
    if paths.count("-") + (files_from is not None and getattr(files_from, "name", "<stdin>") == "<stdin>") > 1:
        raise click.UsageError("stdin can be read once: as an input (-) or as --files-from -, not both")
    if name and "-" not in paths:
        raise click.UsageError("--name only means something with - (stdin) among the paths")
    inputs: list[str | Given] = []
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            inputs.append(Given(name or "-", data))
        else:
            inputs.append(path)
    if files_from is not None:
        listed = files_from.read().split(b"\0" if null else b"\n")
        # A list names paths as bytes; the file system takes them back exactly (surrogate escapes).
        inputs.extend(os.fsdecode(line.rstrip(b"\r") if not null else line) for line in listed if line.strip())
    if not inputs:
        raise click.UsageError("no input: give PATHS, - for stdin, or --files-from")
    return inputs


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The explanation as one JSON object.")
def explain(file: str, as_json: bool) -> None:
    """Show why clipper decided what it did on FILE: each line of a plain-text input with its class and the rule
    behind it, then the entities, amounts, topics and relevance with their evidence.

    \b
    Examples:
      clipper explain clippings/vgr.txt | less
      clipper explain clippings/vgr.txt --json | jq -r '.lines[] | select(.klass == "boilerplate") | .why'
    """
    from .explain import explain_path, render

    explanation = explain_path(file)
    click.echo(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2) if as_json else render(explanation))


@cli.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The metrics and each input's failures as one JSON object.")
@click.option("-q", "--quiet", is_flag=True, help="Only the metrics, not what went wrong in each input.")
def evaluate(folder: str, as_json: bool, quiet: bool) -> None:
    """Score clipper on FOLDER: inputs with NAME.gold.json beside them (the format is in the README), with the
    metrics of the shared scorer eval/score.py.

    \b
    Examples:
      clipper eval my_corpus/
      clipper eval my_corpus/ --json | jq .metrics
    """
    from .evaluate import evaluate_folder, render

    pipeline = pipeline_for(Settings())
    result = _load_or_exit(evaluate_folder, folder, lambda path: pipeline.process_path(path).to_dict())
    if not result.metrics["docs"]:
        click.echo(f"clipper: error: no *.gold.json in {folder}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False) if as_json else render(result, not quiet))


def _dask_runner(scheduler: str, docs_per_task: int, output_dir: str | None, output: str | None,
                 pretty: bool, state: str | None):
    """ingest's run on Dask; dask is imported only here, so a plain install never needs it."""
    if state:
        raise click.UsageError("--state is not available with --dask (its SQLite file lives on one machine)")
    if output_dir and (output or pretty):
        raise click.UsageError("--output-dir writes JSON Lines parts itself: not with -o or --pretty")
    try:
        from . import dask as on_dask
    except ImportError as exc:
        if exc.name not in ("dask", "distributed"):
            raise
        click.echo("clipper: error: --dask needs Dask: pip install 'clipper[dask]'", err=True)
        sys.exit(EXIT_USAGE)
    settings = on_dask.DaskSettings(scheduler, docs_per_task, output_dir)
    return lambda paths, ingest_settings, reporter: on_dask.run(paths, ingest_settings, settings, reporter)


def _checked(settings: Settings) -> Settings:
    """Load the user's gazetteer and taxonomy once up front: a bad file is a usage error before any input is read."""
    _load_or_exit(pipeline_for, settings)
    return settings


def _load_or_exit(load, *args):
    try:
        return load(*args)
    except InputError as exc:
        click.echo(f"clipper: error: {exc.message}", err=True)
        sys.exit(EXIT_USAGE)
    # Whatever else a user's file can make a loader raise: unreadable, not TOML, not UTF-8, nested
    # deeper than the parser recurses, values of the wrong shape.
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        click.echo(f"clipper: error: cannot load {_files(args)}: {type(exc).__name__}: {str(exc)[:300]}", err=True)
        sys.exit(EXIT_USAGE)


def _files(args: tuple) -> str:
    """The user's files among a loader's arguments, for a message."""
    names: list[str] = []
    for arg in args:
        if isinstance(arg, Settings):
            names += [*arg.gazetteer_files, *([arg.taxonomy_file] if arg.taxonomy_file else [])]
        elif isinstance(arg, str):
            names.append(arg)
        elif isinstance(arg, tuple):
            names += [str(name) for name in arg]
    return ", ".join(names) or "the built-in gazetteer and taxonomy"


def main() -> None:
    # Records and messages are UTF-8 whatever the locale: a cp1252 console must not turn "−" into a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    cli()
