"""The red-team set (tests/data/redteam): short clippings of the field's real stories in sv, da and
no, written to look like Nordic outlets, plus off-field traps (a hospital fire and build, a region's
bus tender and ticket system, an "Epic comeback", a school IT outage, pharma earnings, oil and
telecom deals). Each NAME.txt has NAME.expected.json, annotated before clipper was run on it.

The floors sit a little below what the tagger and classifier reach, so a change that loses ground
on stories we did not tune on fails here; topics stay below 1.0 because a secondary topic beside a
dominant one (a delay inside a patient-safety story) is by design often not emitted. That set was
annotated before the labels outage and security existed, so its topics are scored on the eight labels
it knows (as ../shared/eval/score.py scores real clippings).

Batch 5 (tests/data/redteam5) was written before names from context, compound matching and the
outage and security labels were built, and is scored on every label; see its README. Batches 6 and 7
(tests/data/redteam6, redteam7) are about topics: paraphrase, passives, asides (background, hypotheticals).
Batch 6 was written before the second topic pass and fixed by general changes; batch 7 was written after
it and measured once, untuned: its floors are the honest estimate, set where it was measured.
"""
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
REDTEAM, BATCH5, BATCH6, BATCH7 = DATA / "redteam", DATA / "redteam5", DATA / "redteam6", DATA / "redteam7"


def cases(folder):
    return [(folder / json.loads(p.read_text(encoding="utf-8"))["file"], json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(folder.glob("*.expected.json"))]


CASES = cases(REDTEAM)
BATCH5_CASES = cases(BATCH5)
TOPIC_BATCHES = {"batch6": cases(BATCH6), "batch7": cases(BATCH7)}
# (topic F1, relevance accuracy) floors, just under what was measured (batch 6: 0.905 and 26/28;
# batch 7, untuned: 0.588 and 11/12; 0.667 once split phrases were found, a change not made on its texts)
TOPIC_BATCH_FLOORS = {"batch6": (0.9, 0.92), "batch7": (0.65, 0.91)}
FLOORS = {"region": 0.95, "vendor": 0.95, "product": 0.95, "amount": 0.95, "topic": 0.95}
BATCH5_FLOORS = {"region": 0.95, "vendor": 0.95, "product": 0.9, "topic": 0.85}
EIGHT_LABELS = {"procurement", "award", "appeal", "delay", "contract_dispute", "implementation", "patient_safety",
                "cost"}


@pytest.fixture(scope="module")
def records(pipeline):
    batches = CASES + BATCH5_CASES + [case for batch in TOPIC_BATCHES.values() for case in batch]
    return {path: pipeline.process_path(str(path)).to_dict() for path, _ in batches}


def entity_names(record, kind):
    return {e["name"] for e in record["entities"] if e["type"] == kind}


def amount_counts(expected, record):
    """(true positives, false positives, false negatives): currency equal, value within 0.5 %."""
    found = [(a[key], a["currency"]) for a in record["amounts"] for key in ("value", "value_max")
             if a.get(key) is not None]
    unused, hits = list(found), 0
    for amount in expected:
        match = next((f for f in unused if f[1] == amount["currency"]
                      and abs(f[0] - amount["value"]) <= 0.005 * abs(amount["value"])), None)
        if match:
            unused.remove(match)
            hits += 1
    return hits, len(unused), len(expected) - hits


def counts(kind, expected, record, labels=None):
    if kind == "amount":
        return amount_counts(expected["amounts"], record)
    wanted = set(expected[kind + "s"])
    got = {t["label"] for t in record["topics"]} if kind == "topic" else entity_names(record, kind)
    if kind == "topic" and labels:
        got &= labels
    return len(wanted & got), len(got - wanted), len(wanted - got)


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def test_the_set_covers_three_languages_and_off_field_traps():
    languages = {expected["language"] for _, expected in CASES}
    assert languages == {"sv", "da", "no"}
    assert sum(not expected["on_topic"] for _, expected in CASES) >= 6
    assert all(path.exists() for path, _ in CASES)


def totals(kind, batch, records, labels=None):
    summed = [0, 0, 0]
    for path, expected in batch:
        for i, n in enumerate(counts(kind, expected, records[path], labels)):
            summed[i] += n
    return summed


@pytest.mark.parametrize("kind", FLOORS)
def test_per_kind_f1_stays_above_its_floor(records, kind):
    summed = totals(kind, CASES, records, EIGHT_LABELS)
    assert f1(*summed) >= FLOORS[kind], (kind, summed)


@pytest.mark.parametrize("kind", BATCH5_FLOORS)
def test_batch5_per_kind_f1_stays_above_its_floor(records, kind):
    summed = totals(kind, BATCH5_CASES, records)
    assert f1(*summed) >= BATCH5_FLOORS[kind], (kind, summed)


@pytest.mark.parametrize("batch", TOPIC_BATCHES)
def test_topic_batches_stay_above_their_floors(records, batch):
    topic_floor, relevance_floor = TOPIC_BATCH_FLOORS[batch]
    summed = totals("topic", TOPIC_BATCHES[batch], records)
    right = sum(records[path]["relevant"] is expected["on_topic"] for path, expected in TOPIC_BATCHES[batch])
    assert f1(*summed) >= topic_floor, summed
    assert right / len(TOPIC_BATCHES[batch]) >= relevance_floor
    # an off-field trap never gets a topic, even where it is wrongly judged relevant
    assert all(records[path]["topics"] == [] for path, expected in TOPIC_BATCHES[batch] if not expected["on_topic"])


@pytest.mark.parametrize("path,expected", CASES + BATCH5_CASES, ids=[p.stem for p, _ in CASES + BATCH5_CASES])
def test_relevance_and_language_are_exact(records, path, expected):
    record = records[path]
    assert record["relevant"] is expected["on_topic"]
    assert record["language"] == expected["language"]
    if not expected["on_topic"]:
        assert record["topics"] == []


@pytest.mark.parametrize("path,expected", CASES, ids=[p.stem for p, _ in CASES])
def test_regions_vendors_and_amounts_are_exact(records, path, expected):
    # the tagger's gazetteer and the amount reader have no soft spots on this set; topics and
    # products (an unlisted product is a miss) are held to the floors only
    record = records[path]
    for kind in ("region", "vendor"):
        assert entity_names(record, kind) == set(expected[kind + "s"]), kind
    assert amount_counts(expected["amounts"], record)[1:] == (0, 0)


def test_an_epic_comeback_near_a_hospital_is_no_vendor(records):
    record = records[REDTEAM / "off_no_epic_comeback.txt"]
    assert record["entities"] == [] and record["amounts"] == []
