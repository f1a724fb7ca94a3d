import tomllib
from collections import Counter

import pytest
from conftest import ROOT, gold_cases, require_shared_html
from langdetect.detector import Detector

from clipper import detect_language, language
from clipper.extract import extract
from clipper.language import (
    FREQUENCY_COLUMNS,
    SCANDINAVIAN,
    _detector_factory,
    _QuickDetector,
    cue_evidence,
    langdetect_probabilities,
    scandinavian_cues,
    word_frequencies,
)
from clipper.readers.markup import document as load

SENTENCES = ROOT / "benchmarks" / "data" / "sentences.tsv"
LANG_DATA = ROOT / "src" / "clipper" / "data" / "lang"
NORWEGIAN = {"nb", "nn", "no"}


def held_out(kind: str, languages: set[str], every: int = 1) -> list[tuple[str, str]]:
    """(gold language, sentence) from the test split of benchmarks/data/sentences.tsv; nb/nn → no."""
    rows = []
    for line in SENTENCES.read_text("utf-8").splitlines()[1:]:
        split, lang, source, sentence = line.split("\t")
        if split == "test" and source.startswith(kind + ":") and lang in languages:
            rows.append(("no" if lang in NORWEGIAN else lang, sentence))
    return rows[::every]


def accuracy_by_language(rows) -> dict[str, float]:
    right, total = Counter(), Counter()
    for gold, sentence in rows:
        total[gold] += 1
        right[gold] += detect_language(sentence)[0] == gold
    return {lang: right[lang] / total[lang] for lang in total}


# --- the floors, on held-out news sentences: those of the seeds (94 Swedish, 21 Danish, no
# Norwegian ones since the third-party pages' sentences were dropped; Norwegian prose is measured below)

def test_single_news_sentences_meet_the_floors():
    accuracy = accuracy_by_language(held_out("news", {"sv", "da", "nb", "no"}))
    assert accuracy["sv"] >= 0.98, accuracy
    assert accuracy["da"] >= 0.95, accuracy  # 20 of 21


def test_software_messages_out_of_domain_stay_well_above_langdetect():
    # Translated UI strings, many of them identical in Danish and Norwegian ("Sammenlign to filer
    # byte for byte."); langdetect alone: sv 93 %, da 83 %, no 89 %.
    accuracy = accuracy_by_language(held_out("ui", {"sv", "da", "no", "nn"}, every=2))
    assert accuracy["sv"] >= 0.97, accuracy
    assert accuracy["da"] >= 0.92, accuracy
    assert accuracy["no"] >= 0.94, accuracy


def test_prose_from_books_manuals_and_package_descriptions():
    # Real prose by people, none of it used to pick the cues (see build_sentences.py: a Swedish book, the
    # Debian Edu manuals, GIMP's Nynorsk help, Debian's translated package descriptions); a few of
    # the manuals' sentences were left in English. langdetect alone: sv 99 %, da 90 %, no 96 %.
    accuracy = accuracy_by_language(held_out("doc", {"sv", "da", "nb", "nn"}) + held_out("pkg", {"sv", "da"}))
    assert accuracy["sv"] >= 0.98, accuracy
    assert accuracy["da"] >= 0.95, accuracy
    assert accuracy["no"] >= 0.96, accuracy


def test_english_german_finnish_are_not_forced_into_scandinavian():
    rows = held_out("ui", {"en", "de", "fi"}, every=2)
    guesses = [detect_language(sentence)[0] for _, sentence in rows]
    assert sum(g in SCANDINAVIAN for g in guesses) <= 0.01 * len(rows)
    assert sum(g == gold for g, (gold, _) in zip(guesses, rows, strict=False)) >= 0.95 * len(rows)


# --- hand-picked hard cases ---

@pytest.mark.parametrize("sentence", [
    "Han sier at det ikke er noen grunn til bekymring.",
    "Regjeringen ble enige om budsjettet i natt.",
    "Det var ingen som visste hva som hadde skjedd.",
    "Hun hadde aldri sett noe lignende.",
    "Vi fikk beskjed om det etter at kontrakten var signert.",
    "Eg veit ikkje kva som skjer no.",
    "Henvendelsen ble ikke besvart.",
])
def test_norwegian_without_special_letters(sentence):
    assert detect_language(sentence)[0] == "no"


@pytest.mark.parametrize("norwegian, danish", [
    ("Hun hadde aldri sett noe lignende.", "Hun havde aldrig set noget lignende."),
    # everyday words
    ("Jeg elsker deg.", "Jeg elsker dig."),
    ("Jeg vet det ikke.", "Jeg ved det ikke."),
    ("Hun leser en bok.", "Hun læser en bog."),
    ("Gutten leker med jenta.", "Drengen leger med pigen."),
    ("Jeg kommer tilbake om en uke.", "Jeg kommer tilbage om en uge."),
    ("Han spurte om vi ville ha kaffe.", "Han spurgte, om vi ville have kaffe."),
    # word beginnings: Danish op-, ud-, gen- beside Norwegian opp-, ut-, gjen-
    ("Oppdater pakkelisten og gjenopprett forbindelsen.", "Opdater pakkelisten og genopret forbindelsen."),
    # Norwegian marks the noun definite after denne/dette and puts the possessive after it
    ("Denne kommandoen sletter filene.", "Denne kommando sletter filerne."),
    ("Han skrev et brev til moren sin.", "Han skrev et brev til sin mor."),
    ("Jeg har mistet nøklene mine.", "Jeg har mistet mine nøgler."),  # "mistet" is no noun
    ("Regjeringen ble enige om budsjettet.", "Regeringen blev enige om budgettet."),
    ("Helse Vest kjøpte et nytt journalsystem fra Epic.", "Region Hovedstaden købte et nyt journalsystem fra Epic."),
    ("Sykehuset får nytt journalsystem", "Sygehuset får nyt journalsystem"),
    ("Regionen velger Cerner", "Regionen vælger Cerner"),
    ("Systemet er installert og aktivert.", "Systemet er installeret og aktiveret."),
])
def test_danish_norwegian_minimal_pairs(norwegian, danish):
    assert detect_language(norwegian)[0] == "no"
    assert detect_language(danish)[0] == "da"


@pytest.mark.parametrize("sentence, lang", [
    ("Vad heter du?", "sv"),
    ("Jag saknar dig.", "sv"),
    ("Kan du hjälpa mig?", "sv"),
    ("Hva heter du?", "no"),
    ("Vi skal spise nu.", "da"),
])
def test_short_everyday_sentences_langdetect_calls_dutch_or_slovak(sentence, lang):
    # their words are much likelier in Swedish, Danish or Norwegian than in any other language
    assert detect_language(sentence)[0] == lang


@pytest.mark.parametrize("headline, lang", [
    ("Regionen väljer Cerner", "sv"),
    ("Sjukhuset får nytt journalsystem", "sv"),
    ("Ny sjef i Helse Nord", "no"),
    ("Sykehusene må kutte kostnadene", "no"),
    ("Ny direktør for Region Midtjylland", "da"),
    ("Sygehusene skal spare penge", "da"),
])
def test_short_headlines(headline, lang):
    assert detect_language(headline)[0] == lang


@pytest.mark.parametrize("sentence, lang", [
    ("The region chose Cerner for its new health record system.", "en"),
    ("Region Skåne and Helse Vest signed contracts with Epic and Cerner last year.", "en"),
    ("Danish regions bought the Epic system, known locally as Sundhedsplatformen.", "en"),
    ("Die Region hat sich für ein neues Krankenhausinformationssystem entschieden.", "de"),
    ("Alue valitsi uuden potilastietojärjestelmän toimittajaksi Cernerin.", "fi"),
    ("Helse Vest ostaa uuden potilastietojärjestelmän.", "fi"),  # the name is Norwegian, not the words
])
def test_other_languages_keep_their_code_despite_nordic_names(sentence, lang):
    assert detect_language(sentence)[0] == lang


# --- articles ---

@pytest.mark.parametrize("corpus", ["html", "own-html", "seeds"])
def test_every_fixture_article_and_each_of_its_passages_is_right(corpus):
    if corpus == "html":
        require_shared_html()
    for path, gold in gold_cases(corpus):
        doc = load(str(path), path.read_bytes())
        text = extract(doc.format, doc.text).text
        expected = "no" if gold["language"] in NORWEGIAN else gold["language"]
        assert detect_language(text)[0] == expected, path.name
        # prose passages of ~60 words (skipping lines of names or job titles, which are no language)
        prose = [line for line in text.splitlines() if sum(w[:1].islower() for w in line.split()) >= 5]
        words = " ".join(prose).split()
        for start in range(0, max(len(words) - 60, 0) + 1, 60):
            passage = " ".join(words[start:start + 60])
            assert detect_language(passage)[0] == expected, (path.name, passage)


def test_long_text_is_judged_on_a_sample_and_still_right():
    text = "Regionen har valt en ny leverantör av vårdsystemet och avtalet gäller i tio år. " * 2000
    assert detect_language(text)[0] == "sv"


# Written for this test: ~45 words each, plain news prose.
DECIDED_BY_WORDS = {
    "sv": "Regionen har beslutat att skjuta upp införandet av det nya journalsystemet till hösten. Enligt "
          "förvaltningen behöver personalen mer tid för utbildning, och flera vårdcentraler har rapporterat "
          "problem med inloggningen. Kostnaden för förseningen är ännu inte beräknad, men oppositionen vill "
          "att frågan tas upp i fullmäktige redan nästa månad.",
    "da": "Regionen har besluttet at udskyde indførelsen af det nye journalsystem til efteråret. Ifølge "
          "forvaltningen har personalet brug for mere tid til uddannelse, og flere lægehuse har meldt om "
          "problemer med at logge ind. Prisen for forsinkelsen kendes endnu ikke, men oppositionen vil have "
          "sagen behandlet i regionsrådet allerede i næste måned.",
    "no": "Helseforetaket har bestemt å utsette innføringen av det nye journalsystemet til høsten. Ifølge "
          "ledelsen trenger de ansatte mer tid til opplæring, og flere legekontorer har meldt om problemer "
          "med innloggingen. Hva forsinkelsen koster, er ennå ikke regnet ut, men opposisjonen vil ha saken "
          "opp i styret allerede neste måned.",
}


@pytest.mark.parametrize("lang", sorted(DECIDED_BY_WORDS))
def test_words_that_decide_spare_langdetect_without_changing_the_answer(lang, monkeypatch):
    text = DECIDED_BY_WORDS[lang]
    words = [w.lower() for w in language._WORD.findall(text)]
    evidence = cue_evidence(words, common_words=language._without_names(language._WORD.findall(text)))
    full = language._judge_scandinavian(
        evidence.points, language.frequency_evidence(words), langdetect_probabilities(text)
    )

    def no_langdetect(text: str) -> dict[str, float]:
        raise AssertionError("langdetect ran")

    monkeypatch.setattr(language, "langdetect_probabilities", no_langdetect)
    assert detect_language(text) == full
    assert full[0] == lang


def test_short_text_still_asks_langdetect(monkeypatch):
    asked = []
    monkeypatch.setattr(language, "langdetect_probabilities", lambda text: asked.append(text) or {"sv": 1.0})
    assert detect_language("Jag saknar dig så mycket.")[0] == "sv"
    assert asked


# --- contract ---

@pytest.mark.parametrize("text", ["", "  ", "ok", "Hej", "Regionen", "12 345 678", "— … —", "https://example.com/a-b-c"])
def test_too_short_or_no_words_is_und(text):
    assert detect_language(text) == ("und", 0.0)


def test_result_is_deterministic_and_confidence_in_range():
    sentence = "Det er ikke bare dyrene i naturen, der er pressede."
    first = detect_language(sentence)
    assert all(detect_language(sentence) == first for _ in range(5))
    assert 0.0 < first[1] <= 1.0


def test_evidence_counts_listed_words_whole_and_endings_otherwise():
    cues = scandinavian_cues()
    listed = cue_evidence(["være"], cues)
    assert listed.cue_words == 1 and listed.points["da"] == listed.points["no"] > 0  # its "æ" is not counted
    unlisted = cue_evidence(["ble", "situationen"], cues)
    assert unlisted.cue_words == 1
    assert unlisted.points["no"] > unlisted.points["da"] == unlisted.points["sv"] > 0  # ble vs -tionen


def test_evidence_counts_word_beginnings_and_patterns_across_words():
    cues = scandinavian_cues()
    danish = cue_evidence(["genstart", "udviklingen"], cues)  # gen-, ud-
    assert danish.points["da"] > danish.points["no"] == 0
    norwegian = cue_evidence(["denne", "gangen"], cues)  # "denne" is shared; the pattern is not
    assert norwegian.points["no"] > norwegian.points["da"] > 0
    assert cue_evidence(["denne", "gang"], cues).points["no"] == norwegian.points["da"]


def test_patterns_pass_over_names():
    cues = scandinavian_cues()
    infinitive = cue_evidence(["for", "at", "slette"], cues)  # Danish "at" before a verb
    assert infinitive.points["da"] > infinitive.points["no"]
    name = cue_evidence(["at", "anne", "kommer"], cues, common_words=["at", "kommer"])  # "at Anne kommer"
    assert name.points["da"] == name.points["no"]


# --- data ---

def test_cue_files_are_consistent():
    """A cue is in one tier of a file; an 'only' cue in no other file; a 'shared' one in exactly two."""
    data = {lang: tomllib.loads((LANG_DATA / f"{lang}.toml").read_text("utf-8")) for lang in SCANDINAVIAN}
    for kind in ("words", "prefixes", "suffixes", "infixes", "patterns"):
        tiers = {lang: (set(d.get(kind, {}).get("only", [])), set(d.get(kind, {}).get("shared", [])))
                 for lang, d in data.items()}
        for lang, (only, shared) in tiers.items():
            assert not only & shared, (lang, kind, only & shared)
            others = set().union(*(o | s for other, (o, s) in tiers.items() if other != lang))
            assert not only & others, (lang, kind, only & others)
            for cue in shared:
                assert sum(cue in s for _, s in tiers.values()) == 2, (lang, kind, cue)


def test_word_frequency_table_loads_and_separates_the_three():
    frequencies = word_frequencies()
    sv, da, no, other = (FREQUENCY_COLUMNS.index(column) for column in ("sv", "da", "no", "other"))
    assert len(frequencies) > 10000
    assert frequencies["och"][sv] > frequencies["och"][da]
    assert frequencies["havde"][da] > frequencies["havde"][no]
    assert frequencies["hadde"][no] > frequencies["hadde"][da]
    assert frequencies["the"][other] > frequencies["the"][sv]
    assert frequencies["jag"][sv] > frequencies["jag"][other]


@pytest.mark.parametrize("text", [
    "Regionen skjuter upp bytet av journalsystem till hösten, sedan testerna visat fel i läkemedelsmodulen.",
    "Kommunen opgiver sit eget omsorgssystem og tilslutter sig det fælles samarbejde fra næste år.",
    "Sykehuset  må   ansette flere for å holde tritt med det nye systemet, viser en intern rapport.",
    "NHS England delays the rollout of its new EPR system at two trusts until the spring.",
    "Министерство здравоохранения отложило внедрение новой системы до весны.",
    "新しい電子カルテは来年の春に導入される予定です。",
    "Tiếng Việt có dấu: bệnh viện sẽ triển khai hệ thống mới vào mùa xuân.",
    "Se https://www.region.se/nyheter eller mejla press@region.se för mer om UPPHANDLINGEN AV IT-STÖD.",
])
def test_quick_detector_gives_langdetects_own_probabilities(text):
    factory = _detector_factory()
    stock, quick = Detector(factory), _QuickDetector(factory)
    for detector in (stock, quick):
        detector.append(text)
        detector.get_probabilities()
    assert quick.langprob == stock.langprob
