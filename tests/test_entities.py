from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import gold_cases, require_shared_html
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper import entities
from clipper.errors import InputError


@pytest.fixture(scope="module")
def gazetteer():
    return entities.load_gazetteer()


def names(text, gazetteer, kind=None, language=None):
    return {e["name"] for e in entities.tag(text, gazetteer, language) if kind in (None, e["type"])}


# --- the real clippings -------------------------------------------------------------------------

SEED_CASES = gold_cases("seeds")


@pytest.mark.parametrize("path,gold", SEED_CASES, ids=[p.name for p, _ in SEED_CASES])
def test_seed_bodies_name_exactly_the_gold_entities(path, gold, gazetteer):
    found = entities.tag(gold["_body"], gazetteer)
    for kind in entities.ENTITY_TYPES:
        assert {e["name"] for e in found if e["type"] == kind} == set(gold[kind + "s"]), kind


@pytest.mark.parametrize("path,gold", SEED_CASES, ids=[p.name for p, _ in SEED_CASES])
def test_mentions_are_true_slices_and_one_entity_per_name(path, gold, gazetteer):
    text = gold["_body"]
    found = entities.tag(text, gazetteer)
    assert max(Counter(e["name"] for e in found).values()) == 1
    for entity in found:
        assert entity["mentions"]
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


def test_off_field_html_pages_name_no_entities_even_in_their_menus_and_ads(gazetteer):
    require_shared_html()
    for path, _ in gold_cases("html"):
        page_text = BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
        assert entities.tag(page_text, gazetteer) == [], path.name


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Region", "Skåne", "Västra", "Götlandsregionen", "VGR", "landstingen i", "Örebro", "och", ",", " ", "\n",
    "-\n", "\u00ad", "Cerner", "Sverige", "AB", "Millennium", "journalsystem", "Helse", "Sør-Øst", "x", "İ",
]), max_size=30).map("".join))
def test_any_text_gives_true_slices_without_raising(gazetteer, text):
    for entity in entities.tag(text, gazetteer):
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"] != ""


# --- regions --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,region", [
    ("VGR har valt leverantör.", "Västra Götalandsregionen"),
    ("Beslut i SLL i går.", "Region Stockholm"),
    ("Region H har valgt Epic.", "Region Hovedstaden"),
    ("RegionH har valgt Epic.", "Region Hovedstaden"),
    ("Region Syd skal vælge.", "Region Syddanmark"),
    ("Region Skånes upphandling", "Region Skåne"),
    ("Västra Götalandsregionens beslut", "Västra Götalandsregionen"),
    ("Region Syddanmarks udbud", "Region Syddanmark"),
    ("2018 tecknade Västra Götaland regionen ett avtal", "Västra Götalandsregionen"),
    ("fravalgt af region Syddanmark.", "Region Syddanmark"),
    ("Stockholms läns landsting upphandlar", "Region Stockholm"),
    ("Landstinget i Värmland upphandlar", "Region Värmland"),
    ("Landstinget Sörmland upphandlar", "Region Sörmland"),
    ("Helse Midt-Norge RHF innfører Helseplattformen", "Helse Midt-Norge"),
    ("REGION ÖREBRO LÄN KÖPER", "Region Örebro län"),
])
def test_region_forms_resolve_to_the_official_name(text, region, gazetteer):
    assert names(text, gazetteer, "region") == {region}


def test_name_broken_over_lines_or_by_a_soft_hyphen_resolves_and_keeps_true_offsets(gazetteer):
    text = ("Beslut i Region\nSörmland och i Västra\n  Götalands\u00adregionen, i Region Halland och i "
            "Helse Sør-\nØst; Västerbottens läns lands-\nting.")
    found = {e["name"]: e["mentions"][0] for e in entities.tag(text, gazetteer)}
    assert found["Region Sörmland"]["text"] == "Region\nSörmland"
    assert found["Västra Götalandsregionen"]["text"] == "Västra\n  Götalands\u00adregionen"
    assert found["Helse Sør-Øst"]["text"] == "Helse Sør-\nØst"
    assert found["Region Västerbotten"]["text"] == "Västerbottens läns lands-\nting"
    for mention in found.values():
        assert text[mention["start"]:mention["end"]] == mention["text"]


def test_one_letter_typo_in_a_long_name_word_resolves(gazetteer):
    assert names("Västra Götlandsregionens upphandling", gazetteer) == {"Västra Götalandsregionen"}
    assert names("Region Östergötlnd köper", gazetteer) == {"Region Östergötland"}
    assert names("Region Östergötlnad köper", gazetteer) == {"Region Östergötland"}  # swapped letters


def test_typos_are_not_corrected_in_short_words_or_towards_words_many_names_share(gazetteer):
    assert names("Region Skåen köper", gazetteer) == set()
    # "landstingen" is one letter from "landstinget", a word of many former names
    assert names("landstingen i Örebro och Blekinge", gazetteer) == {"Region Örebro län", "Region Blekinge"}


def test_coordinated_list_after_a_cue_names_each_region(gazetteer):
    text = "Sussa-landstingen som utgörs av landstingen i Västerbotten,\nVästernorrland, Örebro, Sörmland och Blekinge"
    assert names(text, gazetteer) == {
        "Region Västerbotten", "Region Västernorrland", "Region Örebro län", "Region Sörmland", "Region Blekinge"}
    assert names("regionerne Hovedstaden og Sjælland", gazetteer) == {"Region Hovedstaden", "Region Sjælland"}


def test_region_mention_continues_with_places(gazetteer):
    assert names("Region Skåne och Halland köper", gazetteer) == {"Region Skåne", "Region Halland"}
    assert names("Region Stockholm och Uppsala universitet", gazetteer) == {"Region Stockholm"}


@pytest.mark.parametrize("text", [
    "samtliga 49 kommuner i Västra Götaland",
    "det er ikke sikkert, at man i Syddanmark vil tage hensyn",
    "SVT Nyheter Skåne rapporterar",
    "Helse Nord-Trøndelag HF",
    "landstingen i Norden",
])
def test_bare_places_are_geography(text, gazetteer):
    assert names(text, gazetteer) == set()


def test_local_short_forms_count_only_in_their_own_language(gazetteer):
    assert names("Trafikverket Region Syd stänger E6 i Skåne.", gazetteer, language="sv") == set()
    assert names("Statens vegvesen Region Midt stenger veien.", gazetteer, language="no") == set()
    assert names("Region Syd og Region Midt har valgt.", gazetteer, language="da") == {
        "Region Syddanmark", "Region Midtjylland"}
    assert names("Region Syddanmark og Region Skåne", gazetteer, language="sv") == {"Region Syddanmark", "Region Skåne"}


def test_every_nordic_region_is_known(gazetteer):
    countries = Counter(e["country"] for e in entities.iter_entries(gazetteer) if e["type"] == "region")
    assert countries == {"SE": 21, "DK": 5, "NO": 4, "FI": 22}  # FI: 21 wellbeing areas and HUS


# --- vendors and products -------------------------------------------------------------------------

def test_vendor_canonical_name_drops_subsidiary_and_legal_form(gazetteer):
    found = entities.tag("Valet föll på Cerner Sverige AB. Partner: CGI Danmark och Cambio Healthcare Systems.",
                         gazetteer)
    assert [(e["name"], e["mentions"][0]["text"]) for e in found] == [
        ("Cerner", "Cerner Sverige AB"), ("CGI", "CGI Danmark"), ("Cambio", "Cambio Healthcare Systems")]


def test_common_words_and_media_outlets_are_not_vendors(gazetteer):
    assert names("Det skriver Computer Sweden. En epic kamp, en systematic approach.", gazetteer) == set()
    assert names("Cerner vinder, skriver Computerworld.", gazetteer) == {"Cerner"}


def test_ambiguous_names_need_health_it_context(gazetteer):
    off_field = "Filmen har mycket CGI. Millennium-trilogin säljer. Systematic review."
    assert names(off_field, gazetteer) == set()
    assert names(off_field + " Regionen byter journalsystem.", gazetteer) == {"CGI", "Millennium", "Systematic"}
    assert names("Epic Games släpper ett spel.", gazetteer) == set()


def test_health_care_words_alone_are_no_health_it_context(gazetteer):
    sport = "Epic comeback da Glimt snudde kampen. Keeperen ble fraktet til sykehus etter en kollisjon."
    assert names(sport, gazetteer) == set()
    assert names("Epic leverer journalsystemet til sykehuset.", gazetteer) == {"Epic"}
    assert names("Epic har ansvaret for it-driften på hospitalet.", gazetteer) == {"Epic"}
    assert names("Softwarefirmaet Systematic leverer til hæren.", gazetteer) == {"Systematic"}


def test_regional_records_and_nordic_products_are_products(gazetteer):
    text = ("Region Midtjylland bruger MidtEPJ, bygget på Columna. Regionerne køber Sectra PACS. "
            "Kommunen bytter Gerica ut med CosDoc.")
    assert names(text, gazetteer, "product") == {"MidtEPJ", "Columna", "Sectra PACS", "Gerica", "CosDoc"}
    assert names("KMD ejes af japanske NEC.", gazetteer, "vendor") == {"KMD", "NEC"}
    assert names("Appen MinSP bygger på MyChart fra Epic.", gazetteer, "product") == {"MinSP", "MyChart"}


def test_products_and_their_forms(gazetteer):
    text = "Sundhedsplatform i Region Hovedstaden; Cambio säljer Cosmic, Cerner säljer Millennium och Melior."
    assert names(text, gazetteer, "product") == {"Sundhedsplatformen", "Cosmic", "Millennium", "Melior"}


def test_programmes_are_not_products(gazetteer):
    text = "Framtidens vårdinformationsmiljö och Skånes digitala vårdsystem (SDV) byggs på Millennium från Cerner."
    assert names(text, gazetteer, "product") == {"Millennium"}


# --- gazetteer files ------------------------------------------------------------------------------

def test_user_file_adds_entries_and_extends_package_ones(tmp_path, gazetteer):
    user = tmp_path / "mine.toml"
    user.write_text('[[vendor]]\nname = "Acme Health"\naliases = ["Acme"]\n\n'
                    '[[region]]\nname = "Region Skåne"\nexact_aliases = ["RS"]\n', encoding="utf-8")
    merged = entities.load_gazetteer((str(user),))
    assert names("Acme och RS", merged) == {"Acme Health", "Region Skåne"}
    assert names("Acme och RS", gazetteer) == set()
    assert len(list(entities.iter_entries(merged))) == len(list(entities.iter_entries(gazetteer))) + 1


@pytest.mark.parametrize("content", [
    "[[vendor]\nname = ",
    '[[vendor]]\naliases = ["x"]\n',
    '[[vendor]]\nname = "X"\nalias = ["x"]\n',
    '[[vendor]]\nname = "X"\naliases = "x"\n',
    '[[company]]\nname = "X"\n',
    '[[vendor]]\nname = "X"\nid = "vendor/cerner"\n',
])
def test_bad_user_file_is_an_input_error(tmp_path, content):
    user = tmp_path / "bad.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        entities.load_gazetteer((str(user),))


def test_ids_are_unique_stable_slugs(gazetteer):
    ids = [e["id"] for e in entities.iter_entries(gazetteer)]
    assert len(ids) == len(set(ids))
    assert "region/helse-sor-ost" in ids and "region/region-sjaelland" in ids and "vendor/cerner" in ids


# --- names the gazetteer does not know ---------------------------------------------------------


def unknown(text, gazetteer):
    return {(e["type"], e["name"]) for e in entities.tag(text, gazetteer) if not e["known"]}


def test_a_system_noun_names_an_unlisted_product_and_a_supplier_cue_its_vendor(gazetteer):
    text = ("Regionen inför journalsystemet Tessla, som levereras av Brightcode AB. "
            "Tessla ska vara i drift på alla sjukhus i höst.")
    found = {e["name"]: e for e in entities.tag(text, gazetteer)}
    assert found["Tessla"]["type"] == "product" and found["Tessla"]["known"] is False
    assert len(found["Tessla"]["mentions"]) == 2
    assert found["Brightcode"]["type"] == "vendor"
    assert all(e["known"] for e in entities.tag("Region Skåne valde Cerner.", gazetteer))


def test_a_hyphenated_head_and_a_known_vendor_before_a_name_name_a_product(gazetteer):
    text = "Kommunen har valgt KMD Nexus til hjemmeplejen. Nexus-platformen er et omsorgssystem."
    assert ("product", "Nexus") in unknown(text, gazetteer)
    assert names(text, gazetteer, "vendor") == {"KMD"}
    assert unknown("Sygehuset indførte Vestra-systemet i journalen.", gazetteer) == {("product", "Vestra")}


def test_a_firm_with_a_legal_form_is_a_vendor_only_where_the_sentence_speaks_of_it(gazetteer):
    it = "Regionen har skrevet kontrakt med Nordlys Data A/S om et nyt it-system til sygehusene."
    build = ("Helse Sør-Øst har gitt Byggmester Hansen ASA kontrakten på det nye sykehuset. "
             "Journalsystemet er ikke en del av avtalen.")
    assert unknown(it, gazetteer) == {("vendor", "Nordlys Data")}
    assert unknown(build, gazetteer) == set()


def test_names_are_not_joined_across_a_headline_break_or_taken_from_a_cue_alone(gazetteer):
    text = "Trondheim vil si opp avtalen om journalsystemet\nEt flertall i bystyret vil ut av leverandøravtalen."
    assert unknown(text, gazetteer) == set()
    assert unknown("Sygehuset har skiftet it-systemet EPJ ud. Leverandøren er ikke valgt.", gazetteer) == set()


def test_names_from_context_need_a_health_it_text(gazetteer):
    assert unknown("Spillerne kan nu købe tøj på Fortnite-platformen fra Epic Games.", gazetteer) == set()


def test_a_bare_region_place_opening_a_sentence_as_its_subject_is_the_region(gazetteer):
    assert names("Skåne valde Cerner som leverantör av journalsystem.", gazetteer, "region") == {"Region Skåne"}
    assert names("Det regnade i hela Skåne när journalsystemet byttes.", gazetteer, "region") == set()
    text = "Dei danske regionane Hovedstaden og Sjælland tok i bruk journalsystemet i 2016."
    assert names(text, gazetteer, "region") == {"Region Hovedstaden", "Region Sjælland"}
    assert names("FC Midtjylland vandt, og journalsystemet i Midtjylland holdt.", gazetteer, "region") == set()


def test_names_from_context_count_only_in_a_text_about_health_or_care(gazetteer):
    bank = "Nordbanken A/S har haft problemer med sine it-systemer, og leverandøren Kortdata arbejder på sagen."
    assert unknown(bank, gazetteer) == set()
    care = "Leverandøren Kortdata arbejder på sagen, siger sygehuset."
    assert unknown(care, gazetteer) == {("vendor", "Kortdata")}
