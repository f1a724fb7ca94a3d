import json

from click.testing import CliRunner
from conftest import FIXTURES, TAXONOMY_SCORING

from clipper.cli import cli


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


SEEDS = FIXTURES / "seeds"
WIND_TAXONOMY = f"""
name = "Nordic wind power"
description = "Wind farms: permits, construction, appeals."
{TAXONOMY_SCORING}[relevance]
half_score = 1.4
threshold = 0.5
[relevance.terms]
"vindkraft*|vindmølle*|vindpark*|vindkraftverk*" = 1.0
[labels.permit]
definition = "A wind farm permit is applied for, granted or refused."
[labels.permit.terms]
"tillstånd*|tilladelse*|konsesjon*" = 1.0
"""


def records_of(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_only_relevant_drops_off_topic_pages_but_counts_them(tmp_path):
    off_topic = tmp_path / "fotboll.txt"
    off_topic.write_text("Fotbollsskolan i Umeå fick rekordmånga deltagare i sommar. Tränarna berättar att "
                         "barnen helst ville öva straffar, och att regnet inte stoppade någon.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--only-relevant", "-v", str(SEEDS), str(off_topic)])
    assert result.exit_code == 0, result.output
    kept = records_of(result)
    assert {r["source"]["path"] for r in kept} == {str(p) for p in sorted(SEEDS.iterdir())}
    assert "1 off-topic not written" in result.stderr


def test_taxonomy_file_replaces_the_default_field(tmp_path):
    taxonomy = tmp_path / "wind.toml"
    taxonomy.write_text(WIND_TAXONOMY, encoding="utf-8")
    clipping = tmp_path / "vind.txt"
    clipping.write_text("Vindkraft i Halland\n\nBolaget har fått tillstånd för en ny vindkraftpark med tio "
                        "vindkraftverk utanför Falkenberg. Tillståndet gäller i 25 år.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--taxonomy", str(taxonomy), str(clipping), str(SEEDS)])
    by_name = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in records_of(result)}
    assert [t["label"] for t in by_name["vind.txt"]["topics"]] == ["permit"]
    assert by_name["vind.txt"]["relevant"] is True
    assert all(r["relevant"] is False for name, r in by_name.items() if name != "vind.txt")
    listed = CliRunner().invoke(cli, ["topics", "--taxonomy", str(taxonomy)])
    assert listed.stdout == "permit\tA wind farm permit is applied for, granted or refused.\n"


def test_gazetteer_file_adds_entities(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[vendor]]\nname = "Ragnar Lindblad Konsult"\naliases = ["Ragnar Lindblad"]\n', encoding="utf-8")
    seed = SEEDS / "001_d381fe02363b1423.txt"
    result = CliRunner().invoke(cli, ["ingest", "--gazetteer", str(extra), str(seed)])
    vendors = {e["name"] for e in records_of(result)[0]["entities"] if e["type"] == "vendor"}
    assert vendors == {"Cerner", "Ragnar Lindblad Konsult"}
    listed = CliRunner().invoke(cli, ["entities", "--gazetteer", str(extra), "--type", "vendor", "--json"])
    names = [json.loads(line)["name"] for line in listed.stdout.splitlines()]
    assert "Ragnar Lindblad Konsult" in names and "Cerner" in names


def test_default_lists_name_the_field():
    topics = CliRunner().invoke(cli, ["topics"]).stdout.splitlines()
    assert [line.split("\t")[0] for line in topics] == [
        "procurement", "award", "appeal", "delay", "contract_dispute", "implementation", "patient_safety", "cost"]
    regions = CliRunner().invoke(cli, ["entities", "--type", "region"]).stdout.splitlines()
    assert len(regions) == 21 + 5 + 4
    assert any(line.startswith("region\tVästra Götalandsregionen\tSE\t") and "VGR" in line for line in regions)


def test_bad_taxonomy_or_gazetteer_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("x = [", encoding="utf-8")
    for option in ("--taxonomy", "--gazetteer"):
        result = CliRunner().invoke(cli, ["ingest", option, str(bad), str(SEEDS)])
        assert result.exit_code == 2
        assert "bad.toml" in result.stderr and "TOML" in result.stderr
        assert result.stdout == ""
