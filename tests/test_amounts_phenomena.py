"""A batch of money phrasings in Swedish, Danish and Norwegian news text, written from the money section
of PHENOMENA.md (number words, krone + øre, other currencies, signs, amounts whose currency the text
makes clear, conversions, and the counts, shares and vague sums that are not money). Expectations were
written before the amount stage was changed for them; `batch_f1` scores the stage on the whole batch
the way ../shared/eval/score.py scores amounts (distinct value/currency pairs, a range as both ends).
"""
import pytest

from clipper.amounts import find_amounts

# (id, language, title, text, expected amounts as (value, value_max, currency))
BATCH = [
    # number words with hundreds and thousands
    ("sv_hundra_och", "sv", None, "Avgiften höjs till tre hundra och femtio kronor per besök.", [(350, None, "SEK")]),
    ("sv_hundratjugo", "sv", None, "Regionen lägger hundratjugo miljoner kronor på det nya journalsystemet.",
     [(120e6, None, "SEK")]),
    ("da_hundrede_og", "da", None, "Patienterne skal fremover betale to hundrede og halvtreds kroner for en kopi.",
     [(250, None, "DKK")]),
    ("no_tohundre", "no", None, "Egenandelen for timen blir tohundre kroner fra neste år.", [(200, None, "NOK")]),
    ("no_tohundre_og_femti_tusen", "no", None, "Kommunen fikk en bot på tohundre og femti tusen kroner.",
     [(250_000, None, "NOK")]),
    ("da_tusinde", "da", None, "Hver praksis får fire tusinde kroner til nye pc'er.", [(4000, None, "DKK")]),
    ("da_tusind_fem_hundrede", "da", None, "Gebyret er sat til to tusind fem hundrede kroner.", [(2500, None, "DKK")]),
    ("no_tusen_alone", "no", None, "Hver ansatt fikk tusen kroner i bonus etter innføringen.", [(1000, None, "NOK")]),
    ("da_en_accent", "da", None, "Regionen har afsat én million kroner til en forundersøgelse.", [(1e6, None, "DKK")]),
    ("sv_noll", "sv", None, "Leverantören fick noll kronor i vite trots förseningen.", [(0, None, "SEK")]),
    ("no_null", "no", None, "Helseforetaket betalte null kroner for lisensene det første året.", [(0, None, "NOK")]),
    # krone and øre as one value
    ("da_kroner_og_ore", "da", None, "Prisen pr. opslag er 12 kroner og 50 øre.", [(12.5, None, "DKK")]),
    ("sv_kronor_och_ore", "sv", None, "Varje sms-påminnelse kostar 3 kronor och 25 öre.", [(3.25, None, "SEK")]),
    ("no_kroner_og_ore", "no", None, "Taksten er 7 kroner og 90 øre per melding.", [(7.9, None, "NOK")]),
    # other currencies: words and signs
    ("no_franc", "no", None, "Det sveitsiske selskapet krevde 3 millioner franc i erstatning.", [(3e6, None, "CHF")]),
    ("sv_franc", "sv", None, "Licensen kostar 450 000 schweizerfranc om året.", [(450_000, None, "CHF")]),
    ("da_franc_prefix", "da", None, "Kontrakten lyder på CHF 2,5 mio. over fem år.", [(2.5e6, None, "CHF")]),
    ("da_yen", "da", None, "Den japanske leverandør investerer 800 millioner yen i den danske afdeling.",
     [(800e6, None, "JPY")]),
    ("sv_yuan", "sv", None, "Tillverkaren tog in 1,5 miljarder yuan i en ny finansieringsrunda.",
     [(1.5e9, None, "CNY")]),
    ("no_renminbi", "no", None, "Avtalen er verdt 40 millioner renminbi.", [(40e6, None, "CNY")]),
    ("da_yen_sign", "da", None, "Aktien lukkede på ¥1.200 i Tokyo.", [(1200, None, "JPY")]),
    # signs
    ("sv_minus", "sv", None, "Resultatet för it-förvaltningen landade på minus 12 miljoner kronor.",
     [(-12e6, None, "SEK")]),
    ("da_minus_sign", "da", None, "Regnskabet viste −4,5 mio. kr. efter udskiftningen.", [(-4.5e6, None, "DKK")]),
    # currency made clear by the text
    ("sv_headline_figure", "sv", "Journalsystemet kostar 50 miljoner",
     "Regionen har nu tecknat avtalet. Det omfattar licenser för 38 miljoner kronor och införande.",
     [(50e6, None, "SEK"), (38e6, None, "SEK")]),
    ("da_headline_figure", "da", "Ny EPJ til 900 mio.",
     "Regionsrådet godkendte i går kontrakten. Den samlede pris bliver 900 millioner kroner over ti år.",
     [(900e6, None, "DKK")]),
    ("sv_bare_range", "sv", None,
     "Upphandlingen beräknas kosta 2 miljarder kronor. Driften uppskattas till 125–140 miljoner per år.",
     [(2e9, None, "SEK"), (125e6, 140e6, "SEK")]),
    ("sv_dryga_after", "sv", None,
     "Första etappen kostade 180 miljoner kronor. Nu väntas notan landa på dryga 300 miljoner.",
     [(180e6, None, "SEK"), (300e6, None, "SEK")]),
    ("no_bare_after", "no", None,
     "Helseplattformen har kostet 3,6 milliarder kroner. Sykehuset anslår at forsinkelsen koster 40 millioner i år.",
     [(3.6e9, None, "NOK"), (40e6, None, "NOK")]),
    ("da_bare_mia", "da", None,
     "Budgettet var 2,8 mia. kr. Nu er prisen steget til 3,4 mia., oplyser regionen.",
     [(2.8e9, None, "DKK"), (3.4e9, None, "DKK")]),
    # conversions: both figures
    ("da_dollar_conversion", "da", None,
     "Købet beløber sig til 75 mio. dollar, svarende til omkring 520 mio. kr.",
     [(75e6, None, "USD"), (520e6, None, "DKK")]),
    ("no_euro_conversion", "no", None,
     "Selskapet ble solgt for 30 millioner euro (rundt 350 millioner kroner).",
     [(30e6, None, "EUR"), (350e6, None, "NOK")]),
    # not money, even in texts about kronor
    ("sv_users_count", "sv", None,
     "Systemet kostade 400 miljoner kronor och har i dag 1,2 miljoner användare.", [(400e6, None, "SEK")]),
    ("da_mio_brugere", "da", None,
     "Appen kostede 20 mio. kr. at udvikle og har 1,3 mio. brugere.", [(20e6, None, "DKK")]),
    ("sv_inhabitants", "sv", "Region med 2,4 miljoner invånare byter system",
     "Bytet kostar 1,1 miljarder kronor enligt regionens beräkning.", [(1.1e9, None, "SEK")]),
    ("no_patients", "no", None,
     "Sykehuset brukte 90 millioner kroner på systemet, som betjener 1,5 millioner pasienter.",
     [(90e6, None, "NOK")]),
    ("sv_percent_duration", "sv", None,
     "Kostnaden på 70 miljoner kronor steg med 15 procent, och införandet försenas 18 månader.",
     [(70e6, None, "SEK")]),
    ("sv_vague", "sv", None,
     "Felet har kostat flera miljoner kronor och tusentals kronor per vecka i övertid.", []),
    ("sv_compound", "sv", "Miljardupphandlingen stoppas",
     "Förvaltningsrätten stoppar miljardupphandlingen av vårdsystem efter en överprövning.", []),
    ("da_no_currency_text", "da", None,
     "Regionen har 1,8 millioner indbyggere og 30.000 ansatte, der skal bruge systemet.", []),
    # giant figures are not amounts
    ("sv_giant", "sv", None, "Felaktigt belopp: 4 000 000 000 000 000 000 kronor stod på fakturan.", []),
]


# A second batch, written after the stage was changed for the first and run once, untouched: an
# estimate of how the stage does on phrasings it was not changed for (F1 1.000 at its first run).
HELD_OUT = [
    ("sv_bare_after_knappt", "sv", None, "Västra Götalandsregionen räknar med att Millennium kostar 1,9 miljarder kronor. Till det kommer utbildning för knappt 200 miljoner.", [(1.9e9,None,"SEK"),(200e6,None,"SEK")]),
    ("da_headline_extra", "da", "Sundhedsplatformen: 500 mio. ekstra", "Region Hovedstaden skal bruge yderligere 500 millioner kroner på systemet, der har 40.000 brugere.", [(500e6,None,"DKK")]),
    ("no_prislapp", "no", None, "Prosjektet var budsjettert til 2,7 milliarder kroner, men prislappen ble 3,1 milliarder.", [(2.7e9,None,"NOK"),(3.1e9,None,"NOK")]),
    ("sv_sjuhundrafemtio_tusen", "sv", None, "Leverantören kräver skadestånd på sjuhundrafemtio tusen kronor.", [(750000,None,"SEK")]),
    ("da_halvanden_million", "da", None, "Konsulenterne fakturerede for halvanden million kroner og 300.000 kr. i rejseudgifter.", [(1.5e6,None,"DKK"),(300000,None,"DKK")]),
    ("no_inhabitants_budget", "no", None, "Kommunen har 700 000 innbyggere og et IT-budsjett på 450 millioner kroner.", [(450e6,None,"NOK")]),
    ("sv_euro_conversion", "sv", None, "Avtalet med Tietoevry är värt omkring 20 miljoner euro, cirka 230 miljoner kronor.", [(20e6,None,"EUR"),(230e6,None,"SEK")]),
    ("da_percent_hours", "da", None, "Systemet blev 25 procent dyrere, og nedetiden varede tre timer.", []),
    ("sv_tiotals", "sv", None, "Regionen sparar tiotals miljoner kronor per år på den nya plattformen.", []),
    ("no_minus", "no", None, "Underskuddet endte på minus 230 millioner kroner i 2024.", [(-230e6,None,"NOK")]),
    ("da_range_patients", "da", None, "Kontrakten har en værdi af mellem 80 og 120 mio. kr., og 2,3 mio. patienter berøres.", [(80e6,120e6,"DKK")]),
    ("sv_headline_rounded", "sv", "Cosmic-affären landar på 800 miljoner", "Landstinget skrev avtalet 2019. Då var priset 650 miljoner kronor.", [(800e6,None,"SEK"),(650e6,None,"SEK")]),
    ("no_kroner_og_ore", "no", None, "Helse Sør-Øst betalte 15 kroner og 40 øre per pasientoppslag.", [(15.4,None,"NOK")]),
    ("da_dollar_per_year", "da", None, "Licensen koster 12.000 dollar om året, svarende til cirka 83.000 kroner.", [(12000,None,"USD"),(83000,None,"DKK")]),
    ("sv_patients_first", "sv", None, "Över 2 miljoner patienter har journaler i systemet som kostade 3 miljarder kronor.", [(3e9,None,"SEK")]),
    ("no_figure_without_scale", "no", None, "Sykehuset fikk en bot på 1,2 millioner kroner. Tidligere i år ble et annet helseforetak bøtelagt med 800 000.", [(1.2e6,None,"NOK")]),
]


def _pairs(amounts):
    """Distinct (value, currency) facts, a range as its two ends, as ../shared/eval/score.py counts them."""
    pairs = set()
    for value, value_max, currency in amounts:
        pairs.add((float(value), currency))
        if value_max is not None:
            pairs.add((float(value_max), currency))
    return pairs


def _found(language, title, text):
    return [(a["value"], a["value_max"], a["currency"]) for a in find_amounts(text, language, title=title)]


def batch_f1(find=_found, batch=BATCH):
    tp = fp = fn = 0
    for _, language, title, text, expected in batch:
        want, got = _pairs(expected), _pairs(find(language, title, text))
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("language, title, text, expected",
                         [pytest.param(*case[1:], id=case[0]) for case in BATCH + HELD_OUT])
def test_money_phrasing(language, title, text, expected):
    assert sorted(_found(language, title, text)) == sorted(expected)


@pytest.mark.parametrize("batch", [BATCH, HELD_OUT], ids=["batch", "held_out"])
def test_the_batch_scores_at_least_the_issue_goal(batch):
    assert batch_f1(batch=batch) >= 0.95
