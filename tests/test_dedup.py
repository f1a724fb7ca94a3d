"""Exact and near duplicates: MinHash signatures, the near-copy rule, and duplicate_of in a run."""
import itertools
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, GOLD
from hypothesis import given
from hypothesis import strategies as st

from clipper import dedup
from clipper.cli import cli
from clipper.record import normalize_for_id
from clipper.state import State

SEED_000 = "000_2ed052350000a80d"


@pytest.fixture(scope="module")
def fixture_texts(pipeline):
    return {p.name: pipeline.process_path(str(p)).text for p in sorted(FIXTURES.rglob("*")) if p.is_file()}


def true_jaccard(a, b):
    def shingles(text):
        words = re.findall(r"\w+", normalize_for_id(text))
        return {tuple(words[i : i + dedup.SHINGLE_WORDS]) for i in range(len(words) - dedup.SHINGLE_WORDS + 1)}

    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def edited(text, every):
    """The text with every n-th word changed, as a syndicating paper's copy editor might."""
    words = text.split(" ")
    return " ".join(w + "x" if i % every == 0 else w for i, w in enumerate(words))


def test_reader_cut_and_full_page_copy_of_a_story_are_near_copies(fixture_texts):
    """The gold body of seed 000 (the article alone) against the seed file as saved (the article in
    its page chrome): the same story saved twice, though their Jaccard similarity is low."""
    body = (GOLD / "seeds" / f"{SEED_000}.body.txt").read_text(encoding="utf-8")
    page = fixture_texts[f"{SEED_000}.txt"]
    a, b = dedup.signature(body), dedup.signature(page)
    assert dedup.is_near_copy(a, b) and dedup.is_near_copy(b, a)
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))  # LSH finds the pair


def test_syndicated_copy_with_small_edits_is_near_but_half_the_words_changed_is_not(fixture_texts):
    text = fixture_texts["sv_vardnytt_journalsystem-forsenas.html"]
    light, heavy = edited(text, 80), edited(text, 8)
    assert true_jaccard(text, light) > 0.8 > true_jaccard(text, heavy)
    assert dedup.is_near_copy(dedup.signature(text), dedup.signature(light))
    assert not dedup.is_near_copy(dedup.signature(text), dedup.signature(heavy))


def test_no_two_different_fixture_stories_are_near_copies(fixture_texts):
    signatures = {name: dedup.signature(text) for name, text in fixture_texts.items()}
    assert all(signatures.values())
    for (name_a, a), (name_b, b) in itertools.combinations(signatures.items(), 2):
        assert not dedup.is_near_copy(a, b), (name_a, name_b)


def test_halves_of_one_article_are_not_copies_nor_a_short_text_inside_a_long_one(fixture_texts):
    text = fixture_texts["da_sundhedsmedier_epj-udbud.html"]
    words = text.split(" ")
    first, second = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
    assert not dedup.is_near_copy(dedup.signature(first), dedup.signature(second))
    snippet = " ".join(words[:40])  # fewer shingles than a containment judgement needs
    assert not dedup.is_near_copy(dedup.signature(snippet), dedup.signature(text))


def test_signature_is_stable_and_round_trips_through_bytes(fixture_texts):
    sig = dedup.signature(fixture_texts["nb_helseteknikk_kurveloesning.html"])
    assert dedup.signature(fixture_texts["nb_helseteknikk_kurveloesning.html"]) == sig
    assert dedup.Signature.from_bytes(sig.to_bytes(), sig.shingles) == sig
    assert len(dedup.band_keys(sig)) == dedup.NUM_HASHES // dedup.BAND_ROWS
    assert dedup.signature("Kort text.") is None


def test_first_seen_wins_and_the_index_keeps_only_originals():
    base = " ".join(f"ord{i}" for i in range(300))
    copy = base.replace("ord7 ", "ordet7 ")
    with State() as index:
        sig, copy_sig = dedup.signature(base), dedup.signature(copy)
        assert dedup.duplicate_of(index, "id-a", "a.txt", sig) is None
        assert dedup.duplicate_of(index, "id-b", "b.txt", copy_sig) == "id-a"
        assert dedup.duplicate_of(index, "id-a", "c.txt", sig) == "id-a"  # exact copy
        assert dedup.duplicate_of(index, "id-a", "a.txt", sig) is None  # the same file again
        assert dedup.duplicate_of(index, "id-a2", "a.txt", copy_sig) is None  # its own new version


def run_ingest(*args):
    result = CliRunner().invoke(cli, ["ingest", "-j1", *map(str, args)])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["source"]["path"].rsplit("/", 1)[-1]: json.loads(line) for line in result.stdout.splitlines()}


def test_duplicate_of_in_a_run_is_the_first_record_in_input_order(tmp_path):
    shutil.copy(GOLD / "seeds" / f"{SEED_000}.body.txt", tmp_path / "a_reader_cut.txt")
    shutil.copy(FIXTURES / "seeds" / f"{SEED_000}.txt", tmp_path / "b_full_page.txt")
    shutil.copy(FIXTURES / "seeds" / f"{SEED_000}.txt", tmp_path / "c_same_file_again.txt")
    shutil.copy(FIXTURES / "seeds" / "001_d381fe02363b1423.txt", tmp_path / "d_other_story.txt")
    records = run_ingest(tmp_path)
    first = records["a_reader_cut.txt"]["id"]
    assert records["a_reader_cut.txt"]["duplicate_of"] is None
    assert records["b_full_page.txt"]["duplicate_of"] == first
    assert records["c_same_file_again.txt"]["duplicate_of"] == first
    assert records["d_other_story.txt"]["duplicate_of"] is None


def test_duplicates_are_found_across_runs_through_the_state(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(FIXTURES / "seeds" / f"{SEED_000}.txt", inbox / "monday.txt")
    first = run_ingest(inbox, "--state", tmp_path / "s.db")["monday.txt"]
    shutil.copy(GOLD / "seeds" / f"{SEED_000}.body.txt", inbox / "tuesday.txt")
    later = run_ingest(inbox, "--state", tmp_path / "s.db")
    assert list(later) == ["tuesday.txt"] and later["tuesday.txt"]["duplicate_of"] == first["id"]


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=300))
def test_bucketed_minhash_is_the_minimum_over_all_hashes(hashes):
    # the shortcut must give the signatures stored in state files before it, bit for bit
    assert dedup._min_xor(hashes, dedup._masks()) == [min(mask ^ h for h in hashes) for mask in dedup._masks()]


def test_hashes_crowded_into_few_top_bytes_still_give_the_exact_minimum():
    hashes = [(top << 56) | low for top in (0x00, 0x7F, 0xFF) for low in (1, 2**55, 2**56 - 1)]
    assert dedup._min_xor(hashes, dedup._masks()) == [min(mask ^ h for h in hashes) for mask in dedup._masks()]
