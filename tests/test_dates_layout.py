"""Which written date is the publication date: by its role in the layout (a dateline near the headline, a
"Published" label, the first of a publication/update pair, an outlet's name beside it), never an event's date
(a deadline, a meeting, a go-live), a comment's or a teaser's. Texts are our own; tests/data/dates_open is a
batch of whole page copies written before the method changed."""
import json
import textwrap
from datetime import date

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from clipper.extract.dates import Dateline, find_date, parse_dateline, publication
from clipper.extract.text import extract_text
from clipper.pipeline import Pipeline

OPEN = ROOT / "tests" / "data" / "dates_open"
SATURDAY = date(2025, 3, 8)

DANISH_BODY = """Regionen har besluttet at udskifte det system, som lægerne bruger til at bestille blodprøver og se svarene.

Det nuværende system er over femten år gammelt, og leverandøren stopper med at rette fejl i det næste år.

Personalet skal undervises i det nye system, før det tages i brug på de første afdelinger."""

HEADLINE = "Region Sjælland skifter laboratoriesystem"


@pytest.mark.parametrize("gold", sorted(OPEN.glob("*.gold.json")), ids=lambda p: p.name.split(".")[0])
def test_the_open_batch_dates_each_copy_or_says_it_shows_no_date(gold):
    expected = json.loads(gold.read_text(encoding="utf-8"))
    record = Pipeline().process_path(str(OPEN / expected["file"]))
    stated = record.published if record.published_from in ("text", "relative") else None
    assert stated == expected["published"]


@pytest.mark.parametrize("line, day", [
    ("5. december 2024 kl: 10.47Af: Redaktionen", "2024-12-05"),  # the time glued to the byline
    ("19. august 2024kl. 13.05 Af: Redaktionen", "2024-08-19"),  # the year glued to "kl."
    ("Af: Redaktionen4. marts 2025", "2025-03-04"),  # the byline glued to the day
    ("4.3.2025 klo 11.02", "2025-03-04"),  # a Finland-Swedish page's time word
    ("4th March 2025", "2025-03-04"),
])
def test_a_date_glued_to_the_word_beside_it_is_read_whole(line, day):
    dateline = parse_dateline(line, reference=SATURDAY)
    assert dateline is not None and (dateline.published, dateline.relative) == (day, False)


@given(st.sampled_from(["mars", "marts", "maj", "mai", "juni", "august", "dec"]), st.sampled_from(["vin", "k", "ch", "s"]))
def test_a_month_name_inside_a_longer_word_is_no_date(month, tail):
    assert find_date(f"3 {month}{tail} 2024") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       st.sampled_from(["kl. 10.14", "kl: 10.14", "Af: Redaktionen", "Av NTB"]))
def test_a_full_date_reads_the_same_glued_to_what_follows(day, glued):
    assert find_date(f"{day:%d.%m.%Y}{glued}") == find_date(f"{day.day}.{day.month}.{day.year} {glued}") == (
        day.isoformat())


@pytest.mark.parametrize("line", [
    "March 4, 2025 · 4 min read",
    "4. marts 2025 · Læsetid 3 min.",
    "Lesetid: 5 minutter | 04.03.2025",
    "Dagens Medicin · 4. marts 2025",  # an outlet's name set off from the date, in an alert or a copy
    "Dagens Samhälle, 4 mars 2025",
    "Dagens Medicin 2025-03-04",
])
def test_a_reading_time_or_an_outlets_name_beside_the_date_leaves_a_bare_dateline(line):
    dateline = parse_dateline(line)
    assert dateline is not None and (dateline.published, dateline.rest) == ("2025-03-04", "")


@pytest.mark.parametrize("line, rest", [
    ("Lars Ibsen | 3.3.2025", "Lars Ibsen"),  # a person's name is a byline, not an outlet
    ("Af Mette Holm, 3.3.2025", "Af Mette Holm"),
    ("Regionen meddelar, 3.3.2025", "Regionen meddelar"),  # words, not a name
    ("By Clive Olsen, March 3, 2025", "By Clive Olsen"),  # "live" names an event, "Clive" none
])
def test_a_byline_or_words_before_the_date_stay_in_its_rest(line, rest):
    dateline = parse_dateline(line)
    assert dateline is not None and dateline.rest == rest


@pytest.mark.parametrize("line", [
    "Anbudsfrist: 15 april 2025", "Møtedato: 27.03.2025", "Mødedato: 12. marts 2025", "Sammanträdesdatum 2025-02-25",
    "Oppstart: 01.09.2025", "Avtalsstart: 1 oktober 2025", "Go-live: 1. oktober 2025", "Idriftsættelse 1. oktober 2025",
    "Deadline: March 4, 2025",
])
def test_a_label_that_names_an_event_makes_no_dateline(line):
    assert find_date(line) is not None  # the date is read ...
    assert parse_dateline(line) is None  # ... but it is when something happens, not when the page was published


@pytest.mark.parametrize("line, day", [
    ("Dato: 14.03.2025", "2025-03-14"), ("Datum 2025-02-10", "2025-02-10"),  # a paper's own date
    ("Publisert laurdag 8. mars 2025 kl. 10.15", "2025-03-08"),  # nynorsk weekdays
    ("tysdag 4. mars 2025", "2025-03-04"),
])
def test_a_papers_date_and_nynorsk_weekdays_are_datelines(line, day):
    dateline = parse_dateline(line)
    assert dateline is not None and (dateline.published, dateline.rest) == (day, "")


def test_nynorsk_weekdays_read_against_a_reference():
    assert parse_dateline("tysdag 14:03", reference=SATURDAY).published == "2025-03-04"
    assert parse_dateline("sundag 14:03", reference=SATURDAY).published == "2025-03-02"


def dateline(day: str, *, updated_only=False, relative=False, labelled=False) -> Dateline:
    return Dateline(day, updated_only, "", relative, labelled)


def test_publication_prefers_published_over_updated_absolute_over_relative_else_the_first():
    updated = dateline("2025-03-06", updated_only=True, labelled=False)
    today = dateline("2025-03-08", relative=True)
    first, second = dateline("2025-03-03"), dateline("2025-03-05")
    labelled = dateline("2025-03-04", labelled=True)
    assert publication([updated, first]) == first
    assert publication([today, first]) == first
    assert publication([first, second]) == first
    assert publication([first, labelled]) == labelled
    assert publication([updated]) == updated  # only an update shown: the best there is
    assert publication([Dateline(None, False, "", True)]) is None
    assert publication([]) is None


@pytest.mark.parametrize("line", ["tirsdag 4. marts 2025", "den 4. marts 2025", "tir. 4. mar. 2025 07:45"])
def test_a_dateline_starting_in_lower_case_is_not_the_headlines_last_words(line):
    extraction = extract_text(f"Sundhed\n{HEADLINE}\n{line}\n{DANISH_BODY}")
    assert (extraction.title, extraction.published) == (HEADLINE, "2025-03-04")


def test_a_hard_wrapped_copy_does_not_run_its_headline_on_into_the_dateline():
    paragraphs = [
        "Regionen har besluttet at udskifte det system, som lægerne bruger til at bestille blodprøver og se svarene, "
        "siger direktøren i en pressemeddelelse.",
        "Det nuværende system er over femten år gammelt, og leverandøren stopper med at rette fejl i det næste år, "
        "oplyser regionen til bladet.",
        "Personalet skal undervises i det nye system, før det tages i brug på de første afdelinger i løbet af "
        "efteråret og vinteren.",
        "Fagforeningerne er bekymrede for, at der ikke er afsat tid nok til undervisningen af de mange ansatte på "
        "hospitalerne.",
    ]
    headline = "Region Sjælland skifter laboratoriesystem efter femten år med det gamle"
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    extraction = extract_text(f"{headline}\nPubliceret 4. marts 2025 kl. 08.14\n\n{wrapped}")
    assert (extraction.title, extraction.published) == (headline, "2025-03-04")


def test_a_sentence_wrapped_before_a_date_still_runs_on():
    # a lower-case line that goes on as a sentence is the rest of the line above
    text = f"{HEADLINE}\n{DANISH_BODY}\nRegionsrådet godkendte aftalen\nden 4. marts 2025 efter en lang debat.\n"
    assert "godkendte aftalen den 4. marts 2025 efter" in extract_text(text).text


@pytest.mark.parametrize("head", [
    "Opdateret\n5. marts 2025 kl. 09.14\nPubliceret\n4. marts 2025 kl. 08.00",
    "Sidst opdateret:\n5. marts 2025\nUdgivet:\n4. marts 2025",
])
def test_a_label_on_its_own_line_labels_the_date_under_it(head):
    assert extract_text(f"{HEADLINE}\n{head}\n{DANISH_BODY}").published == "2025-03-04"


def test_a_meeting_date_above_the_papers_own_date_is_not_its_date():
    paper = f"Sag 7\nMødedato: 12. marts 2025\nDato: 27. februar 2025\n{HEADLINE}\n\n{DANISH_BODY}"
    assert extract_text(paper).published == "2025-02-27"


def test_dates_in_a_fact_box_or_in_running_sentences_date_nothing():
    text = (f"{HEADLINE}\n{DANISH_BODY}\nDen 1. januar 2026 går systemet live på alle hospitaler.\n\n"
            "Fakta\nTilbudsfrist: 15. april 2025\nIdriftsættelse: 1. oktober 2025\n")
    assert extract_text(text).published is None


def test_a_comment_under_the_article_does_not_date_it_but_a_closing_dateline_does():
    comments = "\nKommentarer (2)\nAnne K 4. marts 2025 kl. 12.01\nSådan er det også hos os, det tager meget længere tid nu.\n"
    assert extract_text(f"{HEADLINE}\n{DANISH_BODY}\n{comments}").published is None
    short_comments = "\nKommentarer\nAnne K 4. marts 2025 kl. 12.01\nEnig!\n"  # a section that follows the article
    assert extract_text(f"{HEADLINE}\n{DANISH_BODY}\n{short_comments}").published is None
    closing = "\nPubliceret: 2025-03-03\nAf Lise Mørk\n"
    assert extract_text(f"{HEADLINE}\n{DANISH_BODY}\n{closing}{comments}").published == "2025-03-03"


def test_an_alert_mails_date_yields_to_the_articles_beside_its_outlet():
    alert = (f"Fra: Nyhedsovervågning <alerts@example.dk>\nDato: man. 10. mar. 2025 kl. 07.02\nEmne: Nyhedsalarm\n\n"
             f"{HEADLINE}\nDagens Medicin · 4. marts 2025\n{DANISH_BODY}")
    extraction = extract_text(alert)
    assert (extraction.title, extraction.published) == (HEADLINE, "2025-03-04")


def test_a_memos_header_dates_the_memo():
    memo = f"Notat\nTil: Regionsrådet\nFra: Koncernledelsen\nDato: 27. februar 2025\n\n{HEADLINE}\n{DANISH_BODY}"
    assert extract_text(memo).published == "2025-02-27"
