from clipper.matcher import TermMatcher


def test_longest_stem_of_a_word_wins():
    matcher = TermMatcher()
    matcher.add("udbud", "procurement", prefix=True)
    matcher.add("udbudskonkurrent", "competitor", prefix=True)
    found = [(m.text, m.payload) for m in matcher.finditer("Udbudskonkurrenter i et udbud")]
    assert found == [("Udbudskonkurrenter", "competitor"), ("udbud", "procurement")]


def test_case_sensitive_terms_and_word_boundaries():
    matcher = TermMatcher()
    matcher.add("Epic", "vendor", case_sensitive=True)
    matcher.add("region skåne", "region")
    found = [m.text for m in matcher.finditer("Epic, en epic fail; Region Skånes och REGION SKÅNE")]
    assert found == ["Epic", "REGION SKÅNE"]


def test_a_head_term_closes_a_compound_and_endings_extend_a_full_form():
    matcher = TermMatcher()
    matcher.add("nedbrud", "outage", head=True, prefix=True)
    matcher.add("tvist", "dispute", endings=frozenset({"en", "er"}))
    text = "Servernedbruddet, it-nedbrud, snedbrud; tvisten, tvister, tvistig"
    assert [m.text for m in matcher.finditer(text)] == ["Servernedbruddet", "nedbrud", "tvisten", "tvister"]


def test_a_split_term_spans_a_few_words_between_its_parts_and_claims_only_its_parts():
    matcher = TermMatcher()
    matcher.add_split([("skjut", True), ("upp", False)], "delay", endings=frozenset({"s"}))
    matcher.add("journalsystem", "system", endings=frozenset({"et"}))
    matcher.add("skjuts upp", "delay as written")
    matcher.add("skjuter", "push")
    text = ("Regionen skjuter införandet av journalsystemet upp. Projektet skjuts upp. "
            "Hon skjuter till en miljon för att köpa upp licenser. Skjuter de, upp till hälften")
    found = [(m.text, m.payload) for m in matcher.finditer(text)]
    assert found == [("skjuter införandet av journalsystemet upp", "delay"), ("journalsystemet", "system"),
                     ("skjuts upp", "delay as written"), ("skjuter", "push"), ("Skjuter", "push")]
