"""Start-up: a one-file run loads only what its document needs, and what loads on first use under a
document's time budget is either all there or not at all."""
import json
import subprocess
import sys

import pytest

from clipper import language
from clipper.analyse import load_knowledge
from clipper.document import Document
from clipper.executor import Budget, KnowledgeFiles, OverTime, PoolExecutor, warm_up

ARTICLE = ("Region Västerbotten har tecknat avtal med en ny leverantör av journalsystem för 240 miljoner kronor. "
           "Systemet ska införas på länets tre sjukhus och på alla vårdcentraler under de kommande två åren, "
           "och personalen får utbildning i omgångar med början i höst.\n")

ONE_FILE_RUN = """
import json, sys
from clipper.start import main
sys.argv = ["clipper", "ingest", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as end:
    code = end.code
from clipper.language import _detector_factory
print(json.dumps({"exit": code, "profiles_loaded": _detector_factory.cache_info().currsize,
                  "html_modules": sorted(m for m in ("trafilatura", "justext", "lxml") if m in sys.modules)}))
"""


def test_a_one_file_run_of_an_article_loads_neither_the_html_extractor_nor_langdetect(tmp_path):
    clipping, out = tmp_path / "avtal.txt", tmp_path / "out.jsonl"
    clipping.write_text(ARTICLE, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", ONE_FILE_RUN, str(clipping), str(out)],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == {"exit": 0, "profiles_loaded": 0, "html_modules": []}
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["language"] == "sv"
    assert [a["value"] for a in record["amounts"]] == [240_000_000]


@pytest.fixture
def unloaded_profiles():
    language._detector_factory.cache_clear()
    yield
    language._detector_factory.cache_clear()


def test_warm_up_leaves_langdetect_to_the_first_text_that_needs_it(unloaded_profiles):
    warm_up(load_knowledge())
    assert language._detector_factory.cache_info().currsize == 0
    assert language.detect_language("Hvor bor du nå?")[0] == "no"
    assert language._detector_factory.cache_info().currsize == 1


def test_a_profile_load_cut_short_by_the_timer_leaves_nothing_half_built(unloaded_profiles, monkeypatch):
    text = "Helsingin yliopistollinen sairaala ottaa uuden potilastietojärjestelmän käyttöön ensi keväänä."
    expected = language.langdetect_probabilities(text)
    language._detector_factory.cache_clear()
    real_load, loads = json.load, []

    def load_until_the_timer_fires(file):
        loads.append(file)
        if len(loads) == 10:
            raise OverTime
        return real_load(file)

    monkeypatch.setattr(language.json, "load", load_until_the_timer_fires)
    with pytest.raises(OverTime):
        language.langdetect_probabilities(text)
    monkeypatch.setattr(language.json, "load", real_load)
    assert language._detector_factory.cache_info().currsize == 0
    assert language.langdetect_probabilities(text) == expected


def _html_extractor_loaded() -> bool:
    return "trafilatura" in sys.modules


def _document(markup: str, text: str) -> Document:
    return Document(path=f"avtal.{markup}", format=markup, markup=markup, text=text, sha256="", bytes=len(text))


def test_a_worker_loads_the_html_extractor_when_its_first_page_comes():
    pool = PoolExecutor(KnowledgeFiles(), 1, Budget(10.0, 0))
    try:
        [text] = pool.map([_document("text", ARTICLE)])
        assert text.record.language == "sv" and text.record.error is None
        assert pool._pool.submit(_html_extractor_loaded).result() is False
        page = f"<html><head><title>Nytt avtal</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
        [html] = pool.map([_document("html", page)])
        assert html.record.amounts[0]["value"] == 240_000_000
        assert pool._pool.submit(_html_extractor_loaded).result() is True
    finally:
        pool.close()


def test_the_command_line_loads_neither_the_worker_pool_nor_the_reading_commands_up_front():
    modules = ("multiprocessing", "concurrent.futures", "importlib.metadata", "clipper.digest", "clipper.listing")
    run = subprocess.run([sys.executable, "-c", f"import sys, clipper.cli; print([m for m in {modules} "
                                                "if m in sys.modules])"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
