import json

from click.testing import CliRunner

from clipper.cli import cli
from conftest import FIXTURES


def test_ingest_fixtures_streams_one_record_per_clipping():
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    inputs = sorted(p for p in FIXTURES.rglob("*") if p.is_file())
    assert [r["source"]["path"] for r in records] == [str(p) for p in inputs]
    assert all(r["schema_version"] == 1 and r["text"] for r in records)


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "clipper, version" in result.output
