import json

from click.testing import CliRunner
from conftest import FIXTURES, TAXONOMY_SCORING

from clipper.cli import cli


def test_ingest_fixtures_streams_one_record_per_clipping():
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    inputs = sorted(p for p in FIXTURES.rglob("*") if p.is_file())
    # In input order; the mbox and the WARC file hold three documents each.
    assert list(dict.fromkeys(r["source"]["path"] for r in records)) == [str(p) for p in inputs]
    assert len(records) == len(inputs) + 2 + 2
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
        "procurement", "award", "appeal", "delay", "contract_dispute", "implementation", "patient_safety", "cost",
        "outage", "security"]
    header, *regions = CliRunner().invoke(cli, ["entities", "--type", "region"]).stdout.splitlines()
    assert header.split("\t") == ["type", "name", "country", "parent", "known", "aliases"]
    assert len(regions) == 21 + 5 + 4 + 22
    assert any(line.startswith("region\tVästra Götalandsregionen\tSE\t\ttrue\t") and "VGR" in line for line in regions)
    product = next(line for line in CliRunner().invoke(cli, ["entities", "--type", "product"]).stdout.splitlines()
                   if line.startswith("product\tMillennium\t"))
    assert product.split("\t")[3] == "Cerner"


def test_bad_taxonomy_or_gazetteer_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("x = [", encoding="utf-8")
    for option in ("--taxonomy", "--gazetteer"):
        result = CliRunner().invoke(cli, ["ingest", option, str(bad), str(SEEDS)])
        assert result.exit_code == 2
        assert "bad.toml" in result.stderr and "TOML" in result.stderr
        assert result.stdout == ""


def test_the_built_in_files_are_where_path_says():
    taxonomy = CliRunner().invoke(cli, ["topics", "--path"]).stdout.strip()
    assert taxonomy.endswith("taxonomy.toml") and "[labels.award]" in open(taxonomy, encoding="utf-8").read()
    gazetteer = CliRunner().invoke(cli, ["entities", "--path"]).stdout.split()
    assert {path.rsplit("/", 1)[-1] for path in gazetteer} >= {"regions.toml", "vendors.toml", "products.toml"}


def test_a_gazetteer_replaces_the_built_in_one_when_asked(tmp_path):
    own = tmp_path / "own.toml"
    own.write_text('[[vendor]]\nname = "Kvarnström Data"\n', encoding="utf-8")
    listed = CliRunner().invoke(cli, ["entities", "--gazetteer", str(own), "--no-default-gazetteer"])
    assert listed.stdout.splitlines()[1:] == ["vendor\tKvarnström Data\t\t\ttrue\t"]
    seed = SEEDS / "000_2ed052350000a80d.txt"
    merged = records_of(CliRunner().invoke(cli, ["ingest", "--gazetteer", str(own), str(seed)]))[0]
    alone = records_of(CliRunner().invoke(cli, ["ingest", "--gazetteer", str(own), "--no-default-gazetteer",
                                                str(seed)]))[0]
    assert "Cerner" in {e["name"] for e in merged["entities"]}
    assert not any(e["known"] for e in alone["entities"])


def test_a_minimal_taxonomy_works(tmp_path):
    minimal = tmp_path / "minimal.toml"
    minimal.write_text('[labels.delay.terms]\n"försen*" = 1.0\n', encoding="utf-8")
    assert CliRunner().invoke(cli, ["topics", "--taxonomy", str(minimal)]).stdout == "delay\t\n"
    result = CliRunner().invoke(cli, ["ingest", "--taxonomy", str(minimal), str(SEEDS / "000_2ed052350000a80d.txt")])
    assert result.exit_code == 0
    assert [t["label"] for t in records_of(result)[0]["topics"]] == ["delay"]


def test_errors_in_user_files_name_the_file_the_line_and_what_is_wrong(tmp_path):
    cases = {
        "taxonomy": [
            ('[labels.delay.terms]\n"försen*" = 1.0\n[topics]\nthreshold = 2\n', "line 4", "threshold"),
            ('[labels.delay]\ndefinition = "Late."\n', "line 1", "no terms"),
            ("a = " + "[" * 50_000 + "]" * 50_000 + "\n", "", "nested too deeply"),
            ('[labels.delay.terms]\n"försen*" = 1.0\n[labels.x\n', "line 3", "TOML"),
        ],
        "gazetteer": [
            ('[[vendor]]\nname = "A"\n\n[[vendor]]\nname = "B"\nhomepage = "x"\n', "line 5", "homepage"),
            ('[[vendor]]\nname = "' + "x" * 60_000 + '"\n', "line 2", "60000 characters"),
            ('[[product]]\nname = "C"\naliases = ["D", "' + "y" * 60_000 + '"]\n', "line 2", "characters"),
        ],
    }
    for kind, contents in cases.items():
        for content, line, what in contents:
            path = tmp_path / f"bad-{kind}.toml"
            path.write_text(content, encoding="utf-8")
            result = CliRunner().invoke(cli, ["ingest", f"--{kind}", str(path), str(SEEDS)])
            assert result.exit_code == 2, (content[:40], result.output)
            assert f"bad-{kind}.toml: {line}" in result.stderr and what in result.stderr, result.stderr
            assert "Traceback" not in result.stderr and result.stdout == ""


def test_output_is_utf8_whatever_the_locale_says(tmp_path):
    import os
    import subprocess
    import sys

    clipping = tmp_path / "minus.txt"
    clipping.write_text("Underskottet i Region Skåne\n\nResultatet blev −250 miljoner kronor, skriver "
                        "regionen i sin årsrapport. Det är sämre än väntat, säger ekonomidirektören.\n",
                        encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "-m", "clipper", "ingest", str(clipping), str(FIXTURES / "seeds")],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert "−250 miljoner kronor" in records[0]["text"]


def test_config_file_holds_the_options_a_cron_job_repeats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clipper.toml").write_text('[ingest]\nstate = "state.db"\noutput = "out/records.jsonl"\n'
                                           'workers = 1\nmax-bytes = "5M"\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    first = CliRunner().invoke(cli, ["ingest", str(SEEDS)])
    assert first.exit_code == 0, first.output
    assert first.stdout == "" and (tmp_path / "state.db").exists()
    assert len((tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    again = CliRunner().invoke(cli, ["ingest", "-v", str(SEEDS)])
    assert "5 unchanged" in again.stderr  # the state from the config file was used
    on_stdout = CliRunner().invoke(cli, ["ingest", "-o", "-", "--force", str(SEEDS)])
    assert len(on_stdout.stdout.splitlines()) == 5  # the command line wins over the file


def test_config_file_errors_are_usage_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\nstate = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(bad), "ingest", str(SEEDS)])
    assert result.exit_code == 2 and "not valid TOML" in result.output


def test_max_bytes_takes_units():
    small = CliRunner().invoke(cli, ["ingest", "--max-bytes", "2k", str(SEEDS)])
    assert small.exit_code == 1 and "too_large" in small.stderr
    assert CliRunner().invoke(cli, ["ingest", "--max-bytes", "5M", str(SEEDS)]).exit_code == 0
    assert CliRunner().invoke(cli, ["ingest", "--max-bytes", "five", str(SEEDS)]).exit_code == 2


def test_every_command_has_examples_in_its_help():
    for command in cli.commands:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command
