"""One record per document, whatever the input format: PDF, e-mail (eml, mbox), MHTML, WARC, DOCX, RTF,
not-clippings, stdin and lists of paths; and containers that grow, under --state."""
import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from formats import articles, build
from test_state import wait_for_lines

from clipper.cli import cli
from clipper.readers import read
from clipper.readers.unsupported import what

SRC = str(ROOT / "src")
FORMATS = FIXTURES / "formats"

# file name → (format, the articles it holds, in order)
EXPECTED = {
    "bevakning.mbox": ("email", [articles.VASTRA, articles.ODENSE, articles.BERGEN]),
    "crawl.warc.gz": ("warc", [articles.UMEA, articles.AARHUS, articles.TRONDHEIM]),
    "esbjerg_arkiv.rtf": ("rtf", [articles.ESBJERG]),
    "helse_nord_kurve.mhtml": ("mhtml", [articles.TROMSO]),
    "norrbotten_journalsystem.pdf": ("pdf", [articles.NORRBOTTEN]),
    "pressmeddelande.docx": ("docx", [articles.GAVLE]),
    "sjaelland_patientjournal.eml": ("email", [articles.SJAELLAND]),
}


def ingest(*args, input=None):
    result = CliRunner().invoke(cli, ["ingest", "-j1", *map(str, args)], input=input)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def without_time(record):
    return {k: v for k, v in record.items() if k != "ingested_at"}


def test_fixtures_are_what_build_makes():
    """The committed fixtures come from tests/formats/build.py (PDF and DOCX carry no timestamps)."""
    assert (FORMATS / "esbjerg_arkiv.rtf").read_bytes() == build.rtf_bytes(articles.ESBJERG)
    assert (FORMATS / "norrbotten_journalsystem.pdf").read_bytes() == build.pdf_bytes(articles.NORRBOTTEN)


@pytest.fixture
def every_format(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(FORMATS, folder)
    (folder / "gold.json").write_text(json.dumps({"file": "x.html", "title": "Region Skåne", "topics": []}))
    (folder / "budget.csv").write_text("region;år;belopp\nRegion Skåne;2024;120\nRegion Halland;2024;45\n"
                                       "Region Kronoberg;2025;30\nRegion Blekinge;2025;12\nRegion Gotland;2025;8\n")
    return folder


def test_a_folder_of_every_format_gives_one_record_per_document(every_format):
    result, records = ingest(every_format)
    assert result.exit_code == 1  # because of the JSON and the CSV file
    by_file = {}
    for record in records:
        by_file.setdefault(os.path.basename(record["source"]["path"]), []).append(record)
    assert by_file["gold.json"][0]["error"] == {"type": "unsupported", "message": "not a clipping: JSON data"}
    assert by_file["budget.csv"][0]["error"] == {"type": "unsupported", "message": "not a clipping: CSV/TSV table"}
    assert set(by_file) == set(EXPECTED) | {"gold.json", "budget.csv"}
    for name, (fmt, expected) in EXPECTED.items():
        got = by_file[name]
        assert len(got) == len(expected), name
        for record, article in zip(got, expected, strict=True):
            assert "error" not in record, (name, record.get("error"))
            assert record["source"]["format"] == fmt
            assert record["language"] == article.language
            assert record["title"] == article.title
            # The text is the article: its headline or first paragraph first, and its last paragraph kept.
            assert record["text"].startswith((article.title, article.first[:60])), (name, record["text"][:80])
            assert article.last in record["text"].replace("\n", " ")
    # Where a container addresses its documents, the record says where it was.
    assert by_file["norrbotten_journalsystem.pdf"][0]["source"]["part"] == "pages 1-2"
    assert all(r["source"]["part"].startswith("<urn:uuid:") for r in by_file["crawl.warc.gz"])
    assert all(r["source"]["part"].endswith("@example.org>") for r in by_file["bevakning.mbox"])
    assert [r["source"]["url"] for r in by_file["crawl.warc.gz"]] == [
        a.url for a in EXPECTED["crawl.warc.gz"][1]]
    assert by_file["helse_nord_kurve.mhtml"][0]["source"]["url"] == articles.TROMSO.url
    # Dates the document does not state come from the container: the Date header, the WARC-Date.
    assert [r["published"] for r in by_file["bevakning.mbox"]] == [a.published for a in EXPECTED["bevakning.mbox"][1]]


def test_the_fixtures_folder_shows_every_format_and_exits_0():
    result, records = ingest(FIXTURES)
    assert result.exit_code == 0, result.stderr
    assert {r["source"]["format"] for r in records} >= {"html", "text", "pdf", "email", "mhtml", "warc", "docx", "rtf"}


def test_stdin_gives_the_same_record_as_the_file():
    seed = FIXTURES / "seeds" / "000_2ed052350000a80d.txt"
    _, [from_file] = ingest(seed)
    result, [from_stdin] = ingest("-", "--name", seed, input=seed.read_bytes())
    assert result.exit_code == 0
    assert without_time(from_stdin) == without_time(from_file)


def test_stdin_is_sniffed_like_a_file():
    result, records = ingest("-", input=(FORMATS / "bevakning.mbox").read_bytes())
    assert result.exit_code == 0
    assert [r["title"] for r in records] == [a.title for a in EXPECTED["bevakning.mbox"][1]]
    assert {r["source"]["path"] for r in records} == {"-"}


@pytest.mark.parametrize("null", [False, True])
def test_files_from_a_list_and_a_missing_path_is_an_error_record(tmp_path, null):
    names = [str(FORMATS / "esbjerg_arkiv.rtf"), str(tmp_path / "gone.html"), str(FORMATS / "pressmeddelande.docx")]
    listing = tmp_path / "list"
    listing.write_bytes(("\0" if null else "\n").join(names).encode() + (b"\0" if null else b"\n"))
    result, records = ingest("--files-from", listing, *(["-0"] if null else []))
    assert result.exit_code == 1
    assert [r["source"]["path"] for r in records] == names
    assert records[1]["error"]["type"] == "not_found"
    assert "gone.html" in result.stderr


def test_a_missing_path_among_arguments_is_an_error_record_not_a_usage_error(tmp_path):
    result, records = ingest(FORMATS / "esbjerg_arkiv.rtf", tmp_path / "gone.txt")
    assert result.exit_code == 1
    assert records[1]["error"]["type"] == "not_found"


def test_scanned_pdf_without_text_layer(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(build.scanned_pdf_bytes(pages=3))
    result, [record] = ingest(tmp_path)
    assert result.exit_code == 1
    assert record["error"]["type"] == "no_text_layer" and "3 page" in record["error"]["message"]


def test_warc_non_html_records_are_skipped_and_counted_not_errors():
    items = list(read("crawl.warc.gz", (FORMATS / "crawl.warc.gz").read_bytes()))
    kinds = Counter(type(item).__name__ for item in items)
    assert kinds == {"Document": 3, "Skipped": 2}
    result = CliRunner().invoke(cli, ["ingest", "-v", str(FORMATS / "crawl.warc.gz")])
    assert result.exit_code == 0
    assert "3 ingested" in result.stderr and "2 parts skipped" in result.stderr


def test_an_html_email_with_inline_images_is_an_email_not_mhtml():
    message = build.email_message(articles.SJAELLAND)
    message.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n", "image", "png", cid="<logo@example.org>")
    [doc] = read("x.eml", bytes(message))
    assert doc.format == "email" and doc.markup == "html"


@pytest.mark.parametrize("data, recognised", [
    (b'[{"title": "Region Sk\xc3\xa5ne"}]', "JSON data"),
    (b'{"a": 1}\n{"a": 2}\n{"a": 3', "JSON data"),  # JSON Lines, cut in the middle
    (b"id,title,date\n1,a,2024\n2,b,2025\n3,c,2025\n4,d,2025\n", "CSV/TSV table"),
    (b"\x7fELF\x02\x01\x01", "ELF executable"),
])
def test_not_clippings_are_recognised(data, recognised):
    assert what(data) == recognised


@pytest.mark.parametrize("text", [
    # Prose with commas and semicolons is not a table, nor is a bracketed first line JSON.
    "Regionen, som har valt Cosmic, säger att det blir dyrt.\nMen, säger hon, det går.\nDet är klart.\n"
    "Nästa steg, enligt planen, är upphandling.\nSedan, i höst, kommer beslutet.\n",
    "[Uppdaterad] Region Skåne byter system\n\nRegionen har valt en ny leverantör.",
])
def test_prose_is_not_taken_for_data(text):
    assert what(text.encode()) is None


def test_grown_containers_yield_only_their_new_documents(tmp_path):
    folder, state, out = tmp_path / "in", tmp_path / "s.db", tmp_path / "out.jsonl"
    folder.mkdir()
    mbox, warc = folder / "inbox.mbox", folder / "crawl.warc.gz"
    mbox.write_bytes(build.mbox_bytes([articles.VASTRA, articles.ODENSE]))
    warc.write_bytes(build.warc_gz_bytes([articles.UMEA], with_others=False))
    first, records = ingest(folder, "--state", state, "-o", out)
    assert first.exit_code == 0 and len(out.read_text().splitlines()) == 3
    with mbox.open("ab") as fh:  # new mail arrives
        fh.write(build.mbox_bytes([articles.BERGEN]))
    with warc.open("ab") as fh:  # the crawler appends (a gzipped WARC is a series of gzip members)
        fh.write(build.warc_gz_bytes([articles.AARHUS, articles.TRONDHEIM], with_others=False))
    second, _ = ingest(folder, "--state", state, "-o", out)
    assert second.exit_code == 0
    titles = [json.loads(line)["title"] for line in out.read_text().splitlines()]
    assert Counter(titles) == Counter(a.title for a in (articles.VASTRA, articles.ODENSE, articles.UMEA,
                                                         articles.BERGEN, articles.AARHUS, articles.TRONDHEIM))


def test_kill_9_in_the_middle_of_a_warc_then_rerun_gives_each_document_once(tmp_path):
    folder, state, out = tmp_path / "in", tmp_path / "s.db", tmp_path / "out.jsonl"
    folder.mkdir()
    pages = [articles.Article(f"{a.title} ({i})", a.published, a.paragraphs, a.language, f"{a.url}?n={i}", a.site)
             for i in range(200) for a in [(articles.UMEA, articles.AARHUS, articles.TRONDHEIM)[i % 3]]]
    (folder / "crawl.warc.gz").write_bytes(build.warc_gz_bytes(pages, with_others=False))
    env = {**os.environ, "PYTHONPATH": SRC, "CLIPPER_TEST_SLOW_SECONDS": "0.01"}
    args = [sys.executable, "-m", "clipper", "ingest", str(folder), "--state", str(state), "-o", str(out)]
    run = subprocess.Popen(args, env=env, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_lines(out, 50, run)
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert 50 <= out.read_bytes().count(b"\n") < 200
    rerun, _ = ingest(folder, "--state", state, "-o", out)
    assert rerun.exit_code == 0
    urls = Counter(json.loads(line)["source"]["url"] for line in out.read_text().splitlines())
    assert urls == Counter(p.url for p in pages)  # 200 records, each once


def test_files_from_stdin_nul_separated():
    listing = b"\0".join(os.fsencode(FORMATS / name) for name in ("esbjerg_arkiv.rtf", "pressmeddelande.docx"))
    result, records = ingest("--files-from", "-", "-0", input=listing)
    assert result.exit_code == 0
    assert [r["source"]["format"] for r in records] == ["rtf", "docx"]


def test_pipeline_records_gives_every_document_of_a_container(pipeline):
    records = pipeline.records(str(FORMATS / "bevakning.mbox"))
    assert [r.title for r in records] == [a.title for a in EXPECTED["bevakning.mbox"][1]]
    assert all(r.ingested_at for r in records)
    assert pipeline.process_path(str(FORMATS / "bevakning.mbox")).title == articles.VASTRA.title
