"""Readers on their own: decoding and format sniffing, on real fixture bytes re-encoded the ways files arrive,
and walking folders."""
import codecs
import os

import pytest
from conftest import FIXTURES

from clipper.errors import InputError
from clipper.inputs import iter_inputs
from clipper.readers import read
from clipper.readers.markup import decode, sniff_format

SEED = (FIXTURES / "seeds" / "000_2ed052350000a80d.txt").read_text(encoding="utf-8")
PAGE = FIXTURES / "html" / "sv_vardnytt_journalsystem-forsenas.html"


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (SEED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SEED.encode("utf-8"), "utf-8-sig"),
        (SEED.encode("utf-16"), "utf-16"),
        (SEED.encode("utf-16-le"), "utf-16-le"),
        (SEED.encode("utf-16-be"), "utf-16-be"),
        (SEED.encode("cp1252", errors="replace"), "cp1252"),
    ],
)
def test_decodes_every_encoding_clippings_arrive_in(encoded, expected_encoding):
    text, encoding = decode(encoded)
    assert encoding == expected_encoding
    assert "Västra Götalandsregionen ligger i fas" in text
    assert not text.startswith("\ufeff")


def test_latin1_page_decodes_by_its_declared_charset():
    html = '<html><head><meta charset="iso-8859-1"><title>Region Skåne</title></head><body><p>Västra Götaland</p></body></html>'
    text, encoding = decode(html.encode("latin-1"))
    assert encoding == "iso8859-1"
    assert "Västra Götaland" in text and "Skåne" in text


def test_mojibake_is_repaired():
    broken = "Västra Götalandsregionen väljer Cerner.".encode().decode("latin-1")
    assert "VÃ¤stra" in broken
    text, encoding = decode(broken.encode("utf-8"))
    assert text == "Västra Götalandsregionen väljer Cerner."
    assert encoding.endswith("mojibake-repaired")


def test_output_text_is_nfc():
    decomposed = "Va\u0308stra Go\u0308taland"  # a + combining diaeresis, as macOS file names and some PDFs give
    text, _ = decode(decomposed.encode("utf-8"))
    assert text == "Västra Götaland"


def test_html_is_recognized_by_content_whatever_the_name():
    data = PAGE.read_bytes()
    [doc] = read("saved-as.txt", data)
    assert doc.format == "html"
    assert [d.format for d in read("seed.html", SEED.encode())] == ["text"]


def test_text_mentioning_tags_stays_text():
    text = "Kolumn: varför <p> och <div> inte hör hemma i en artikel.\n\nDet är en text om HTML."
    assert sniff_format(text.encode(), text) == "text"


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "malformed"),  # cut short
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unsupported"),
        (b"PK\x03\x04\x14\x00\x06\x00", "unsupported"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_bytes_raise_input_error_with_kind(data, kind):
    with pytest.raises(InputError) as info:
        list(read("x.html", data))
    assert info.value.kind == kind and info.value.message


@pytest.mark.parametrize("controls, binary", [(20, False), (21, True)])
def test_a_text_is_binary_past_one_stray_control_character_in_a_hundred(controls, binary):
    # 2,000 characters: tabs, line and page breaks are text; ESC and BEL are not, and 20 of them still are
    lines = ["Regionen byter journalsystem i mars.\t\f\v\r\n".ljust(49, ".") + "\n"] * 40
    for i in range(controls):
        lines[i] = lines[i][:8] + ("\x1b" if i % 2 else "\x07") + lines[i][9:]
    data = "".join(lines).encode()
    assert len(data) == 2000
    if binary:
        with pytest.raises(InputError, match="control characters"):
            list(read("x.txt", data))
    else:
        assert [d.format for d in read("x.txt", data)] == ["text"]


def test_walk_is_sorted_skips_hidden_and_saved_page_assets(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.html").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "style.css").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    found = [os.path.relpath(f.path, tmp_path) for f in iter_inputs([tmp_path]) if f.problem is None]
    assert found == ["a.html", "b.txt", os.path.join("sub", "c.txt")]


def test_directory_symlink_loop_is_reported_not_followed_forever(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    os.symlink(tmp_path, tmp_path / "loop")
    results = list(iter_inputs([tmp_path]))
    errors = [f.problem for f in results if f.problem]
    assert [os.path.basename(f.path) for f in results if f.problem is None] == ["a.txt"]
    assert errors and errors[0].kind == "symlink_loop"


def test_mojibake_in_one_widget_is_repaired_without_touching_the_rest():
    widget = "AdministrÃ©r privatlivsindstillinger"  # a double-encoded line, as on a real Politiken page
    page = f"<p>Region Sjælland vælger ny løsning.</p>\n<span>{widget}</span>\n<p>Prisen: 5 mio. kr.</p>"
    text, encoding = decode(page.encode("utf-8"))
    assert "Administrér privatlivsindstillinger" in text
    assert "Region Sjælland vælger ny løsning." in text and "5 mio. kr." in text
    assert encoding == "utf-8+mojibake-repaired"


def test_input_error_survives_pickling_to_and_from_workers():
    import pickle

    error = pickle.loads(pickle.dumps(InputError("too_large", "over the limit")))
    assert (error.kind, error.message, str(error)) == ("too_large", "over the limit", "over the limit")
