"""`clipper digest` and `clipper ls`: what a person reads, built from records a batch wrote."""
import datetime
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from clipper import digest
from clipper.cli import cli
from clipper.records import Filters, lead, topic_labels

SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Records of the fixtures plus a failed input, a near-copy of a seed and a second run's record."""
    folder = tmp_path_factory.mktemp("batch")
    for path in sorted(SEEDS.iterdir()):
        shutil.copy(path, folder / path.name)
    seed = (SEEDS / "000_2ed052350000a80d.txt").read_text(encoding="utf-8")
    (folder / "zz_copy.txt").write_text(seed.replace("Löptiden", "Avtalets löptid"), encoding="utf-8")
    (folder / "zz_empty.txt").write_bytes(b"")
    # Undated clippings take the file's modification time (published_from "file"): as saved, weeks after
    saved = datetime.datetime(2019, 12, 2, 9, 0).timestamp()
    for path in folder.iterdir():
        os.utime(path, (saved, saved))
    result = CliRunner().invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 1  # the empty file
    records = tmp_path_factory.mktemp("records") / "records.jsonl"
    records.write_text(result.stdout, encoding="utf-8")
    return records


def parsed(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_digest_groups_relevant_clippings_by_topic_and_folds_near_copies(batch):
    made = digest.build(parsed(batch), Filters())
    titles = [s.record["title"] for s in made.stories]
    assert "Två miljardupphandlingar försenas" in titles
    assert all(s.record.get("relevant") for s in made.stories)
    original = next(s for s in made.stories if s.record["title"] == "Två miljardupphandlingar försenas")
    assert [c["source"]["path"].rsplit("/", 1)[-1] for c in original.copies] == ["zz_copy.txt"]
    assert sum(made.per_topic.values()) == len(made.stories) == 5
    assert made.per_region["Västra Götalandsregionen"] >= 2 and made.per_vendor["Cerner"] >= 3


def test_digest_filters(batch):
    records = parsed(batch)
    by_topic = digest.build(records, Filters(topics=("appeal",)))
    # the one seed with an appeal (its main topic is the award that was appealed)
    assert [("appeal" in topic_labels(s.record), s.record["language"]) for s in by_topic.stories] == [(True, "sv")]
    by_vendor = digest.build(records, Filters(vendors=("systematic",)))
    assert {s.record["language"] for s in by_vendor.stories} == {"da"}
    dated = digest.build(records, Filters(since="2019-10-01", until="2019-10-31"))
    assert [s.record["published"] for s in dated.stories] == ["2019-10-08"]
    assert dated.timeline == {"2019-W41": 1} and dated.period == ("2019-10-08", "2019-10-08")


def test_timeline_counts_every_week_and_turns_to_months_over_two_years():
    def record(day):
        return {"source": {"path": day}, "id": day, "relevant": True, "published": day, "text": "x"}

    weekly = digest.build([record("2024-01-01"), record("2024-01-03"), record("2024-01-22")], Filters())
    assert weekly.timeline == {"2024-W01": 2, "2024-W02": 0, "2024-W03": 0, "2024-W04": 1}
    monthly = digest.build([record("2021-01-05"), record("2024-03-01")], Filters())
    assert len(monthly.timeline) == 39 and monthly.timeline["2021-01"] == 1 and monthly.timeline["2024-03"] == 1


def test_lead_is_the_first_prose_paragraph_not_a_subheading():
    text = "Ordförandens förslag\n\nRegionstyrelsen föreslås besluta att upphandla ett nytt journalsystem för " \
           "hela regionen. Beslutet fattas i maj."
    assert lead({"title": None, "text": text}).startswith("Regionstyrelsen föreslås")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.external = [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and tag in ("script", "link", "img") and value:
                self.external.append(value)

    def handle_data(self, data):
        self.parts.append(data)


def test_digest_html_is_self_contained_and_names_every_relevant_clipping(batch, tmp_path):
    out = tmp_path / "digest.html"
    result = CliRunner().invoke(cli, ["digest", str(batch), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _Text()
    page.feed(out.read_text(encoding="utf-8"))
    text = " ".join(" ".join(page.parts).split())
    assert page.external == []  # no stylesheet, script or image to fetch
    for record in parsed(batch):
        if record.get("relevant") and record.get("title"):
            assert " ".join(record["title"].split()) in text
    assert "Clippings per week" in text and "near-duplicate" in text


def test_digest_markdown_for_email(batch):
    result = CliRunner().invoke(cli, ["digest", str(batch), "--format", "md", "--topic", "delay"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Clippings\n")
    assert "## delay (1)" in result.stdout and "**Två miljardupphandlingar försenas**" in result.stdout
    assert "Vendors: Cerner" in result.stdout and "2.1 bn SEK" in result.stdout


def test_digest_names_the_line_that_is_not_a_record(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": {"path": "a"}}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["digest", str(bad)])
    assert result.exit_code == 2 and f"{bad}, line 2: not a JSON record" in result.stderr


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not _chromium() and not os.environ.get("CI"),
                    reason="headless Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")
def test_digest_opens_in_a_real_browser_without_console_errors(batch, tmp_path):
    page = tmp_path / "digest.html"
    assert CliRunner().invoke(cli, ["digest", str(batch), "-o", str(page)]).exit_code == 0
    shot = tmp_path / "digest.png"
    browser = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
               "--window-size=1100,1600"]
    done = subprocess.run(browser + [f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.stat().st_size > 10_000  # a real picture of the page, kept in the test's folder
    assert not re.search(r"CONSOLE\(\d+\)|Uncaught|ERR_FILE_NOT_FOUND", done.stderr), done.stderr[-2000:]
    dom = subprocess.run(browser + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    rendered = " ".join(dom.stdout.split())
    for record in parsed(batch):
        if record.get("relevant") and record.get("title"):
            assert " ".join(record["title"].split()) in rendered


def test_ls_lists_date_language_relevance_topics_and_title_and_errors(batch):
    result = CliRunner().invoke(cli, ["ls", str(batch)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "lang", "rel", "topics", "title"]
    seed_line = next(line for line in lines if "Två miljardupphandlingar" in line)
    assert seed_line.startswith("2019-10-08  sv    yes ") and "delay" in seed_line
    assert any("ERROR" in line and "zz_empty.txt" in line for line in lines)
    assert any("(duplicate)" in line for line in lines)
    relevant = CliRunner().invoke(cli, ["ls", "--relevant", "--no-header", str(batch)])
    assert len(relevant.stdout.splitlines()) == 6  # 5 seeds and the near-copy; no error line


def test_ls_keeps_the_latest_record_of_an_input_ingested_twice(batch, tmp_path):
    twice = tmp_path / "twice.jsonl"
    lines = batch.read_text(encoding="utf-8").splitlines()
    newer = json.loads(lines[0])
    newer["title"] = "Rubriken ändrades"
    twice.write_text("\n".join(lines + [json.dumps(newer)]) + "\n", encoding="utf-8")
    shown = CliRunner().invoke(cli, ["ls", "--no-header", str(twice)]).stdout
    assert "Rubriken ändrades" in shown and len(shown.splitlines()) == len(lines)
