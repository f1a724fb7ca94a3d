"""Plain-text line classes by page structure, one phenomenon at a time on short pages of our own, and the two
boilerplate batches (tests/data/boilerplate_open*, written before the classes changed) held at what they reach."""
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clipper.evaluate import evaluate_folder
from clipper.extract.boilerplate import opens_sentence
from clipper.extract.bylines import is_author_note
from clipper.extract.text import extract_text, read_text
from clipper.pipeline import Settings, pipeline_for

DATA = Path(__file__).resolve().parent / "data"

LEAD = "Regionen har i dag valgt en ny leverandør af det system, som hospitalerne bruger til at planlægge operationer."
HEADLINE = "Region vælger nyt system til planlægning af operationer"
BODY = ("Aftalen løber i seks år og kan forlænges to gange, oplyser regionen i en pressemeddelelse torsdag.\n"
        "– Vi har brug for et system, som personalet faktisk kan bruge, siger it-direktøren.\n"
        "Det gamle system har været i drift siden 2011 og bliver slukket, når det nye er taget i brug.\n")
ARTICLE = f"{HEADLINE}\n{LEAD}\n{BODY}"


def _roles(text: str) -> dict[str, str]:
    return {v.text: v.role for v in read_text(text)[1]}


def _whys(text: str) -> dict[str, str]:
    return {v.text: v.why for v in read_text(text)[1]}


def test_a_consent_banner_above_the_headline_is_not_the_article():
    page = ("Vi bruger cookies til statistik og til at huske dine valg på sitet, så det virker bedre for dig.\n"
            "Accepter alle\nKun nødvendige\n"
            f"{HEADLINE}\n{LEAD}\n6. maj 2025 kl. 10.12\n{BODY}")
    ex = extract_text(page)
    assert ex.title == HEADLINE
    assert "cookies" not in ex.text and "Accepter" not in ex.text
    assert "Aftalen løber i seks år" in ex.text


def test_a_headline_in_two_parts_with_its_dateline_below_is_no_labelled_link():
    page = f"Nyt system i Region Nord: Operationerne planlægges nu på skærm\n{LEAD}\n6. maj 2025\n{BODY}"
    assert extract_text(page).title == "Nyt system i Region Nord: Operationerne planlægges nu på skærm"


def test_a_most_read_heading_governs_its_numbered_titles_however_long():
    items = ["1. Stormen lukker broen fredag",
             "2. Populær bager i en lille by på Sydsjælland lukker efter 60 år i familiens eje",
             "3. Sådan får du pengene tilbage for din forsinkede togbillet i sommerferien"]
    roles = _roles(ARTICLE + "Mest læste\n" + "\n".join(items))
    assert [roles[item] for item in items] == ["dropped"] * 3
    assert roles["Det gamle system har været i drift siden 2011 og bliver slukket, når det nye er taget i brug."] == "body"


def test_a_last_line_under_other_titles_is_one_more_title_not_a_cut_off_paragraph():
    page = (ARTICLE + "Relaterede historier\nSygehusene mangler stadig sygeplejersker\n"
            "Regionens hospitaler tester nu en ny app til patienternes egne målinger")
    assert "app til patienternes" not in extract_text(page).text
    # A paragraph cut off by the copy under the article's prose is article text.
    cut_off = "Regionsrådet skal nu tage stilling til, om de to andre hospitaler også skal have"
    cut = ARTICLE + cut_off
    assert extract_text(cut).text.endswith(cut_off)


def test_a_prompt_box_takes_its_heading_copy_and_buttons_but_news_about_logging_in_stays():
    page = (f"{HEADLINE}\n{LEAD}\n"
            "Aftalen løber i seks år og kan forlænges to gange, oplyser regionen i en pressemeddelelse torsdag.\n"
            "Få sundhedsnyhederne hver morgen\nTilmeld dig vores gratis nyhedsbrev her.\nDin e-mailadresse\nTilmeld\n"
            "– Vi har brug for et system, som personalet faktisk kan bruge, siger it-direktøren.\n")
    text = extract_text(page).text
    assert "Få sundhedsnyhederne" not in text and "Din e-mailadresse" not in text and "Tilmeld" not in text
    assert "siger it-direktøren" in text
    news = f"Lægerne må logge ind på ny hver gang de skifter stue\n{LEAD}\n6. maj 2025\n{BODY}"
    assert extract_text(news).title == "Lægerne må logge ind på ny hver gang de skifter stue"


def test_notes_under_the_last_paragraph_are_not_article_text():
    page = (f"{HEADLINE}\n{LEAD}\nAf Maja Dahl\n{BODY}"
            "Rettelse: I en tidligere version af artiklen stod der, at aftalen løber i fem år.\n"
            "Maja Dahl er journalist på bladet og skriver om sundhed og digitalisering i regionerne.\n")
    roles = _roles(page)
    assert roles["Rettelse: I en tidligere version af artiklen stod der, at aftalen løber i fem år."] == "dropped"
    assert roles["Maja Dahl er journalist på bladet og skriver om sundhed og digitalisering i regionerne."] == "dropped"
    assert "Det gamle system har været i drift siden 2011" in extract_text(page).text


def test_an_alert_mail_speaking_to_its_reader_under_the_article_is_chrome():
    page = (ARTICLE + "Du modtager denne mail, fordi du overvåger søgeordet operationsplanlægning hos os.\n"
            "Administrer søgeord | Afmeld\n")
    assert "Du modtager denne mail" not in extract_text(page).text


def test_a_long_line_without_a_period_under_the_standfirst_is_a_caption():
    page = (f"{HEADLINE}\n{LEAD}\n"
            f"En sygeplejerske i grøn kittel står ved en skærm på operationsgangen og peger\n6. maj 2025\n{BODY}")
    assert _whys(page)["En sygeplejerske i grøn kittel står ved en skærm på operationsgangen og peger"] == "caption"
    # Right under the headline, the same shape is a standfirst without its period.
    standfirst = (f"{HEADLINE}\n"
                  f"Regionen skifter leverandør efter tolv år med det gamle system og mange klager\n6. maj 2025\n{BODY}")
    assert "efter tolv år med det gamle system" in extract_text(standfirst).text


def test_tickers_video_captions_and_contact_lines_are_furniture():
    page = ("Siste nytt\n14:02 Stengt vei etter ras i Odda\n13:47 Lønnsoppgjøret i havn for sykepleierne\n"
            "Video: Slik fungerer det nye systemet (0:58)\n"
            "Sykehuset tar i bruk nytt system for operasjoner\n"
            "Sykehuset har valgt en ny leverandør av systemet som brukes til å planlegge operasjonene.\n"
            "Publisert 2. april 2025\n"
            "Avtalen gjelder i seks år og kan forlenges to ganger, opplyser sykehuset torsdag.\n"
            "– Vi trenger et system som de ansatte faktisk kan bruke, sier IT-direktøren.\n"
            "Har du tips om denne saken? Send e-post til tips@avisa.no\n")
    whys = _whys(page)
    assert whys["14:02 Stengt vei etter ras i Odda"] == "ticker"
    assert whys["Video: Slik fungerer det nye systemet (0:58)"] in ("media", "video_caption")
    assert whys["Har du tips om denne saken? Send e-post til tips@avisa.no"] == "contact"
    assert extract_text(page).title == "Sykehuset tar i bruk nytt system for operasjoner"


def test_article_look_alikes_stay_a_colon_list_a_fact_box_at_the_end_and_a_closing_decision():
    page = (ARTICLE + "Regionen nævner tre gevinster:\n• færre aflyste operationer\n• kortere ventetid\n"
            "Fakta: Operationsplanlægning\nSystemet bruges på ni hospitaler.\nDet har 4.000 brugere.\n"
            "Læs også\nSådan gik det med det gamle system\n")
    text = extract_text(page).text
    for kept in ("• færre aflyste operationer", "• kortere ventetid", "Fakta: Operationsplanlægning",
                 "Det har 4.000 brugere."):
        assert kept in text
    assert "Sådan gik det med det gamle system" not in text


def test_a_sentence_crowded_with_names_is_prose_and_a_running_head_printed_again_is_not():
    page = (ARTICLE + "Analytiker Karen Foss i Fondsfinans Norden mener markedet overreagerer.\n")
    assert "Analytiker Karen Foss" in extract_text(page).text
    pdf = ("REGION NORD   Regionsrådet\nPunkt 7. Nyt system til operationsplanlægning\n"
           f"{LEAD}\n{BODY}REGION NORD   Regionsrådet\nRegionsrådet godkendte indstillingen den 25. juni i år.\n")
    text = extract_text(pdf).text
    assert "REGION NORD" not in text and "Regionsrådet godkendte indstillingen" in text


def test_a_caption_over_its_credit_line_a_byline_with_an_agency_and_a_date_line_under_the_headline_are_furniture():
    page = (f"{HEADLINE}\n"
            "6. maj 2025 · 3 min læsning\nMette Lund, NTB\n"
            f"{LEAD}\nBilledtekst\nOperationssygeplejersker på Aalborg Universitetshospital skifter system til efteråret.\n"
            f"Foto: Henrik Bach/Ritzau Scanpix\n{BODY}")
    ex, lines = read_text(page)
    whys = {v.text: v.why for v in lines}
    assert whys["Operationssygeplejersker på Aalborg Universitetshospital skifter system til efteråret."] == "caption"
    assert whys["6. maj 2025 · 3 min læsning"] == "dateline" and ex.published == "2025-05-06"
    assert ex.authors == ["Mette Lund"]
    assert ex.title == HEADLINE
    assert "Det gamle system har været i drift siden 2011" in ex.text


def test_a_caption_ending_in_a_bracketed_credit_goes_and_a_paragraph_cut_off_under_a_subheading_stays():
    cut_off = ("Regionsrådet skal nu tage stilling til, om de to andre hospitaler også skal have systemet. Det sker "
               "efter planen på mødet i juni, hvor også økonomien for de næste fire")
    page = (ARTICLE + "De ni hospitaler, der skal tage systemet i brug i løbet af næste år. (Kort: Region Nord)\n"
            "Læs også (Politiken 3.2.2025): Hospitalerne aflyser tusindvis af operationer\n"
            "Milliardprojektet der delte regionerne\nHvad sker der nu?\n" + cut_off)
    text = extract_text(page).text
    assert "De ni hospitaler" not in text and "Milliardprojektet" not in text
    assert "Hvad sker der nu?" in text and text.endswith(cut_off)


def test_author_notes_need_a_name_a_copula_and_a_role():
    assert is_author_note("Oskar Lind är reporter på tidningen och bevakar e-hälsa.")
    assert is_author_note("Maria Olsson is a freelance journalist based in Malmö.")
    assert is_author_note("Jens Holm er redaktør på bladet.", ("Jens Holm",))
    assert not is_author_note("Anna Persson er overlæge på Herlev og har skrevet en bog.")
    assert not is_author_note("Region Halland er kunde hos samme journalist.")


@given(st.lists(st.sampled_from(["legene", "må", "på", "nytt", "hver", "gang", "de", "bytter", "rom"]), min_size=1,
                max_size=8))
def test_a_prompt_opens_a_sentence_and_news_says_its_words_after_a_subject(words):
    sentence = " ".join(words).capitalize()
    assert opens_sentence(f"{sentence}? Logg inn for å lese hele saken.", "login")
    assert not opens_sentence(f"{sentence} logge inn {sentence.lower()}", "login")


# What the two batches reach; a floor lets one snippet of each kind go.
BATCH_FLOORS = {
    "boilerplate_open": {"include_recall": 0.99, "exclude_clean": 0.99, "title_acc": 0.96},
    "boilerplate_open2": {"include_recall": 0.97, "exclude_clean": 0.98, "title_acc": 0.87},
    # The third: the sports page's match header and scorers are lost and two other results kept (not solved).
    "boilerplate_open3": {"include_recall": 0.95, "exclude_clean": 0.93, "title_acc": 0.83},
}


@pytest.mark.parametrize("batch", BATCH_FLOORS)
def test_the_boilerplate_batches_hold_their_level(batch):
    pipeline = pipeline_for(Settings())
    metrics = evaluate_folder(str(DATA / batch), lambda path: pipeline.process_path(path).to_dict()).metrics
    assert metrics["missing"] == 0
    below = {k: metrics[k] for k, floor in BATCH_FLOORS[batch].items() if metrics[k] < floor}
    assert not below, below
