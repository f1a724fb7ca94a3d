"""Relevance: a public health or care body acting on or with an IT system in the story's point. The batch
tests/data/relevance_open (own words, expectations written before the method changed) and one test per
phenomenon on short realistic text."""
from pathlib import Path

from clipper import topics
from clipper.evaluate import evaluate_folder
from clipper.pipeline import Settings, pipeline_for

TAXONOMY = topics.load_taxonomy(None)
BATCH = Path(__file__).resolve().parent / "data" / "relevance_open"


def classify(text, title=None, entities=()):
    return topics.classify(text, title, list(entities), TAXONOMY)


def test_the_open_batch_holds_its_measured_level():
    # measured at main before the method (d5e5d7e) and after: relevance_acc 0.943 → 1.0, topic P 0.750 → 0.833
    pipeline = pipeline_for(Settings())
    result = evaluate_folder(str(BATCH), lambda path: pipeline.process_path(path).to_dict())
    assert result.metrics["docs"] == 35
    assert result.metrics["relevance_acc"] == 1.0, result.failures
    assert result.metrics["topic_p"] >= 0.8, result.failures


VENDOR_NEWS = ("Dataselskapet Nordvik har vunnet konkurransen om nytt billettsystem for bussene i fylket. "
               "Avtalen er verdt 90 millioner kroner og gjelder i seks år.")
HEALTH_BACKGROUND = ("Selskapet leverer også pasientjournalsystemer til flere helseforetak, og sykehusene "
                     "der har klaget på trege oppdateringer.")


def test_a_vendors_health_clients_in_the_background_do_not_make_the_story_the_field():
    # the title and the lede are about buses: the field's words only further down are background
    background = classify(f"{VENDOR_NEWS}\n\nDet nye systemet tas i bruk i mars.\n\n{HEALTH_BACKGROUND}",
                          "Nordvik vinner billettsystem for bussene")
    assert not background.relevant
    # why: the evidence still shows what was found, so a user sees what did not count
    assert "pasientjournalsystemer" in background.relevance_evidence["field"]
    assert background.relevance_evidence["not_in_point"] == ["health_care"]
    # the same paragraphs with the health clients as the lede are the field
    lede = classify(f"{HEALTH_BACKGROUND}\n\n{VENDOR_NEWS}", "Sykehusene klager på Nordvik")
    assert lede.relevant and "not_in_point" not in lede.relevance_evidence


def test_a_care_body_and_a_system_in_one_lead_sentence_are_the_field():
    together = classify("Over tre hundre pasientar ved sjukehuset fekk ikkje innkalling etter ein feil i det "
                        "nye systemet for timebestilling.\n\nFeilen vart retta i januar.")
    assert together.relevant
    assert together.relevance_evidence["together"] == ["pasientar + systemet"]
    # the same words in sentences of their own are only found beside each other
    apart = classify("Over tre hundre pasientar ved sjukehuset fekk ikkje innkalling i haust.\n\nFeilen vart "
                     "retta i januar. Det var ein feil i det nye systemet.")
    assert apart.relevance < together.relevance and "together" not in apart.relevance_evidence


def test_a_region_name_beside_a_system_is_not_a_care_body_acting():
    # a region runs buses as well as hospitals: its name with a system in one sentence is no link
    bus = classify("Region Sjælland har købt et nyt billetsystem til busserne i Vestsjælland.",
                   entities=[{"type": "region", "name": "Region Sjælland",
                              "mentions": [{"text": "Region Sjælland", "start": 0, "end": 15}]}])
    assert not bus.relevant and "together" not in bus.relevance_evidence


def test_health_care_without_it_and_it_without_health_care_stay_off():
    strike = classify("Sygeplejerskernes strejke betyder, at tusindvis af patienter må vente på operationer på "
                      "landets sygehuse. Regionerne udskyder alle planlagte indgreb.")
    bank = classify("Bankens it-system lå ned i fire timer, og kunderne kunne ikke betale med kort. Banken "
                    "giver en servers opdatering skylden.")
    assert not strike.relevant and not bank.relevant
    assert "information_technology" not in strike.relevance_evidence
    assert "health_care" not in bank.relevance_evidence
