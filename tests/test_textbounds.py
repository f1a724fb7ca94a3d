"""The bounds every stage's text goes through: real text passes unchanged, generated runs do not."""
import re

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.document import Document
from clipper.readers import read
from clipper.textbounds import MAX_CHARS, MAX_LINES, MAX_RUN, MAX_TOKEN, bounded, too_many_tags


def test_real_clippings_pass_unchanged():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file():
            for doc in read(str(path), path.read_bytes()):  # every document of every format
                if isinstance(doc, Document):
                    assert bounded(doc.text) == doc.text, path.name


def test_runs_are_cut_and_tokens_split():
    assert bounded("Regionen valde " + "x" * 80_000 + " igen.") == "Regionen valde " + "x" * MAX_RUN + " igen."
    assert bounded("a" + "." * 40_000 + "b") == "a" + "." * MAX_RUN + "b"
    split = bounded("a@" * 3000).split(" ")
    assert "".join(split) == "a@" * 3000 and max(map(len, split)) == MAX_TOKEN


def test_long_texts_are_cut_to_their_head():
    assert len(bounded("Regionen betalar. " * 50_000)) == MAX_CHARS
    assert bounded("a\n" * 100_000).count("\n") == MAX_LINES - 1


def test_tags_are_counted_before_parsing():
    assert not too_many_tags("<p>Regionen betalar.</p>" * 1000)
    assert too_many_tags("<p>a</p>" * 20_000)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.@ \n\t-åÄ"), max_size=3000)
       .flatmap(lambda s: st.integers(1, 400).map(lambda k: s * (k if len(s) < 10 else 1))))
def test_bounded_text_has_no_long_run_or_token_and_is_stable(text):
    out = bounded(text)
    assert not re.search(rf"(\S)\1{{{MAX_RUN}}}", out)
    assert not re.search(rf"\S{{{MAX_TOKEN + 1}}}", out)
    assert bounded(out) == out
    assert out.replace(" ", "") in text.replace(" ", "") or len(text) > MAX_CHARS or text.count("\n") >= MAX_LINES \
        or re.search(rf"(\S)\1{{{MAX_RUN}}}", text)
