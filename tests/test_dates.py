"""The date grammar (extract/dates.py): written dates in the Nordic languages and English, timestamps in
their own offset, relative dates read against a reference date, and where a record's date came from."""
import os
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from clipper.extract.dates import find_date, parse_dateline, stamp_date
from clipper.extract.html import extract_html
from clipper.extract.text import extract_text
from clipper.pipeline import Pipeline
from clipper.record import RECORD_SCHEMA

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_dates  # noqa: E402

THURSDAY = date(2024, 3, 14)

BODY = """Regionen har tecknat ett nytt avtal om journalsystem efter en upphandling som överklagades två gånger.

Enligt regiondirektören ska systemet vara i drift på alla sjukhus inom tre år, och personalen utbildas i höst.

Kritiker menar att kostnaderna har underskattats och att vårdcentralerna inte har fått säga sitt om systemet.
"""


def clipping(dateline: str, headline: str = "Nytt journalsystem klart efter lång strid") -> str:
    return f"Nyheter\nSport\n\n{headline}\n\n{dateline}\n\n{BODY}"


@pytest.mark.parametrize("line, day, relative", [
    ("March 12, 2024", "2024-03-12", False),
    ("Tuesday, March 12th, 2024 – 10:14", "2024-03-12", False),
    ("12 March 2024", "2024-03-12", False),
    ("Datum 2024-02-12", "2024-02-12", False),
    ("12. marts 2024", "2024-03-12", False),
    ("tirsdag 12. mars 2024 kl. 10.14", "2024-03-12", False),
    ("Uppdaterad 13 mars, publicerad 12 mars", "2024-03-12", True),
    ("Opdateret 13. marts 2024 kl. 08.00 Publiceret 12. marts 2024 kl. 10.14", "2024-03-12", False),
    ("Publisert 11. mars 2024, oppdatert i går 16:20", "2024-03-11", False),
    ("I går 14:03", "2024-03-13", True),
    ("igår 09:12", "2024-03-13", True),
    ("I dag kl. 07.45", "2024-03-14", True),
    ("Publisert i forgårs kl. 08.30", "2024-03-12", True),
    ("Publicerad i förrgår", "2024-03-12", True),
    ("Publicerad i tisdags", "2024-03-12", True),
    ("Publiceret i torsdags", "2024-03-07", True),  # said on a Thursday: last week's
    ("Torsdag 14:03", "2024-03-14", True),  # a bare weekday may be the day itself
    ("Published yesterday at 4:30 pm", "2024-03-13", True),
    ("Publicerad: 12/3 2024", "2024-03-12", False),
    ("Publisert tirsdag 12. mars 2024 - 10:14 Sist oppdatert onsdag 13. mars 2024 - 08:00", "2024-03-12", False),
    ("Updated 9:14 AM EST, Wed March 13, 2024 | Published 8:00 PM EST, Tue March 12, 2024", "2024-03-12", False),
])
def test_datelines_against_a_reference(line, day, relative):
    dateline = parse_dateline(line, reference=THURSDAY)
    assert dateline is not None and (dateline.published, dateline.relative, dateline.rest) == (day, relative, "")


def test_without_a_reference_a_relative_dateline_is_still_a_dateline_but_has_no_date():
    dateline = parse_dateline("I går 14:03")
    assert dateline is not None and dateline.published is None and dateline.rest == ""


@pytest.mark.parametrize("line", [
    "I dag", "Mandag", "Valet 14 september", "Mars 2024", "Vad hände i går?",
    "Regionen meddelade den 12 mars 2024 att avtalet med leverantören sägs upp efter två år av förseningar",
])
def test_a_relative_word_or_a_yearless_date_alone_is_no_dateline(line):
    # without a time or a "Published" label, these are section names, headlines, questions
    assert parse_dateline(line, reference=THURSDAY) is None


def test_a_date_without_its_year_is_the_last_such_day_up_to_the_reference():
    assert parse_dateline("Publicerad 30 december kl. 09.00", reference=date(2024, 1, 3)).published == "2023-12-30"
    assert find_date("Uppdaterad 30 december") is None  # no reference, no year


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from([
    "{d.day} {sv} {d.year}", "{d.day}. {da} {d.year}", "{en} {d.day}, {d.year}", "{d.day} {en} {d.year}",
    "{d:%Y-%m-%d}", "{d:%d.%m.%Y}", "Publisert {d.day}. {no} {d.year} kl. 10.14",
]))
def test_written_dates_read_back(day, shape):
    names = {
        "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december"][day.month - 1],
        "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
               "oktober", "november", "december"][day.month - 1],
        "no": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "desember"][day.month - 1],
        "en": day.strftime("%B") if day.month != 5 else "May",
    }
    dateline = parse_dateline(shape.format(d=day, **names))
    assert dateline is not None and dateline.published == day.isoformat()


@given(st.dates(min_value=date(2000, 1, 8), max_value=date(2090, 12, 31)),
       st.sampled_from(["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]))
def test_weekdays_name_a_day_of_the_past_week(reference, weekday):
    number = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"].index(weekday) + 1
    bare = date.fromisoformat(parse_dateline(f"{weekday} 14:03", reference=reference).published)
    past = date.fromisoformat(parse_dateline(f"Publicerad i {weekday}s", reference=reference).published)
    assert bare.isoweekday() == past.isoweekday() == number
    assert reference - timedelta(days=6) <= bare <= reference
    assert reference - timedelta(days=7) <= past < reference


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
       st.integers(min_value=-12 * 60, max_value=14 * 60))
def test_a_timestamp_keeps_its_own_calendar_date(moment, offset_minutes):
    stamped = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    assert stamp_date(stamped.isoformat()) == moment.date().isoformat()
    assert stamp_date(moment.isoformat()) == moment.date().isoformat()


def page(head: str = "", header: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return (f"<html><head><title>Nytt journalsystem</title>{head}</head><body><article>"
            f"<h1>Nytt journalsystem klart efter lång strid</h1>{header}{paragraphs}</article></body></html>")


def test_a_late_evening_utc_stamp_is_the_day_it_states_not_the_next_day_in_copenhagen():
    head = '<meta property="article:published_time" content="2024-03-12T23:30:00+00:00">'
    extraction = extract_html(page(head))
    assert (extraction.published, extraction.published_from) == ("2024-03-12", "page")


def test_a_page_dateline_prefers_published_and_reads_a_relative_day():
    extraction = extract_html(page(header="<p>Uppdaterad 13 mars, publicerad 12 mars</p>"), THURSDAY)
    assert (extraction.published, extraction.published_from) == ("2024-03-12", "relative")
    extraction = extract_html(page(header="<p>I går 14:03</p>"), THURSDAY)
    assert (extraction.published, extraction.published_from) == ("2024-03-13", "relative")


def test_i_gar_is_never_the_headline_with_or_without_a_reference():
    text = "I går 14:03\n\nNytt journalsystem klart efter lång strid\n\n" + BODY
    assert extract_text(text).title == "Nytt journalsystem klart efter lång strid"
    extraction = extract_text(text, THURSDAY)
    assert (extraction.title, extraction.published, extraction.published_from) == (
        "Nytt journalsystem klart efter lång strid", "2024-03-13", "relative")


def test_a_written_dateline_is_dated_from_the_text():
    extraction = extract_text(clipping("By Jane Doe, 12 Mar 2024"), THURSDAY)
    assert (extraction.published, extraction.published_from, extraction.authors) == (
        "2024-03-12", "text", ["Jane Doe"])


def test_the_files_modification_time_is_the_last_resort_and_says_so(tmp_path):
    import jsonschema

    undated, dated = tmp_path / "undated.txt", tmp_path / "dated.txt"
    undated.write_text(clipping("Av Anna Berg"), encoding="utf-8")
    dated.write_text(clipping("I går 14:03"), encoding="utf-8")
    saved = datetime(2024, 3, 14, 12, 0).timestamp()
    for path in (undated, dated):
        os.utime(path, (saved, saved))
    pipeline = Pipeline()
    records = [pipeline.process_path(str(p)) for p in (undated, dated)]
    assert [(r.published, r.published_from) for r in records] == [("2024-03-14", "file"), ("2024-03-13", "relative")]
    for record in records:
        jsonschema.validate(record.to_dict(), RECORD_SCHEMA)
    # bytes with no reference date: no date rather than a guessed one
    assert pipeline.process_bytes(clipping("Av Anna Berg").encode()).published_from is None


# Reached: every page and clipping of the own set (benchmarks/data/dates). The floor lets two of 44 go.
def test_date_benchmark_floor_on_the_own_set():
    result = bench_dates.score(bench_dates.own_cases())
    assert result.right_origin / result.total >= 0.95, result.misses


def test_date_benchmark_runs_as_the_readme_shows(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["bench_dates.py", "--no-compare", "--corpus", str(ROOT / "no-such-corpus")])
    bench_dates.main()
    assert "own clippings (text)" in capsys.readouterr().out
