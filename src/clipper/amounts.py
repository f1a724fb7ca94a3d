"""Stage 4b: money amounts normalized to a number and an ISO 4217 currency.

"minst en halv miljard kronor" → value 5e8, SEK, at_least; "3.000-5.000 kr." → 3000..5000 DKK in a
Danish text; "1,2 MSEK", "€2.5bn", "780 millioner danske kroner". The words come from
data/money.toml; this module builds one regular expression per vocabulary (Nordic, English) from
them, once, and reads each match into numbers.

What counts as an amount: a number (digits or number words) with a currency, either after it (a
currency word, symbol or code, or a newsroom abbreviation such as "mkr") or before it ("€5", "SEK 2,1
miljarder", "kr. 1.500,-"); or a number with a scale word before a price comparative, as headlines
drop the currency ("blir 250 miljoner dyrare": the text's krone). Otherwise, without a currency there
is no amount, so years, dates, percentages, counts ("6.000 deltagere", "2,1 miljarder invånare"),
phone numbers and clock times never become amounts; nor do scale words with no number
("miljardupphandlingar", "flera miljoner kronor"), nor names written like an amount ("Tre Kronor",
the Swedish hockey team).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_SPACE_RUN = re.compile(r"\s+")
# between the words of an amount: spaces, and at most one line break (PDF dumps wrap lines; a blank
# line ends a paragraph, and an amount does not run across it)
_GAP_OPT = r"[^\S\n]*+(?:\n[^\S\n]*+)?"  # possessive: nothing after a gap starts with a space
_GAP = rf"(?=\s){_GAP_OPT}"
_NORDIC_GROUP_MARKS = " \u00a0\u202f\u2009."
_EN_GROUP_MARKS = ",\u00a0\u202f\u2009"
_MINUS = "−-"
_KRONE = "krone"  # currency placeholder for a krone word whose krona depends on the text's language
# No budget reaches a thousand million millions; a figure that does is not an amount, and a cap keeps
# every value a plain JSON number
_LIMIT = Decimal(10) ** 15


@dataclass(frozen=True)
class Vocabulary:
    """One language's money vocabulary, compiled: the pattern and the tables its matches are read with."""

    pattern: re.Pattern[str]
    decimal_mark: str
    joiner: str
    number_words: dict[str, Decimal]  # word parts: "tjugo" → 20, "hundra" → 100
    number_phrases: dict[str, Decimal]  # "en halv" → 0.5
    vague_phrases: frozenset[str]
    scales: dict[str, Decimal]  # "miljarder" → 1e9, "m" (after €/$) → 1e6
    fused: dict[str, tuple[Decimal, str]]  # "mkr" → (1e6, krone)
    currencies: dict[str, str]  # currency word, sign or code → ISO code or _KRONE
    nationalities: dict[tuple[str, str], str]  # (adjective, what the word names) → ISO code
    qualifiers: dict[str, str]
    swedish_krone_words: frozenset[str]
    danish_norwegian_krone_words: frozenset[str]
    hundredths: frozenset[str]  # öre, øre
    krone_by_language: dict[str, str]
    krone_otherwise: str
    and_words: frozenset[str]  # "tre hundra och femtio": the "och" inside a written number
    bare_min_scale: Decimal
    # every amount holds a currency or a scale term: one word of it, or a sign ("$", ":-"), case-folded
    cue_words: frozenset[str]
    cue_signs: tuple[str, ...]


def find_amounts(text: str, language: str, title: str | None = None) -> list[dict[str, Any]]:
    """Money amounts in `text`, in text order, each distinct amount once (at its first mention).

    `language` is the text's ISO 639 code; it picks the number format and words (English or Nordic)
    and which krona a bare "kr"/"kroner" means. `title` is the headline when the text does not hold
    it: its amounts come first, marked `"in": "title"`, their offsets into the title; every other
    amount is `"in": "text"`, its offsets into the text.
    A scaled figure with no currency ("125–140 miljoner per år") takes the currency of the nearest
    stated amount, the one before it if any; with no stated amount in the text it is no amount.
    """
    language = (language or "und").lower().replace("_", "-").split("-")[0]  # "sv-SE" → "sv"
    vocabulary = _vocabulary("en" if language == "en" else "nordic")
    headline = title if title and title.strip() not in text else ""
    in_title = [{**amount, "in": "title"} for amount in _scan(headline, vocabulary, language)]
    in_text = [{**amount, "in": "text"}
               for amount in _scan(text, vocabulary, language, _cued_paragraphs(text, vocabulary))]
    stated_in_text = [amount for amount in in_text if amount["currency"] is not None]
    stated = [amount for amount in in_title if amount["currency"] is not None] + stated_in_text
    found, seen = [], set()
    for amount in in_title + in_text:
        if amount["currency"] is None:
            if not stated:
                continue
            before = [a for a in stated_in_text if a["start"] < amount["start"]]  # none in the title
            amount = {**amount, "currency": (before[-1] if before else stated[0])["currency"]}
        key = (amount["value"], amount["value_max"], amount["currency"])
        if key not in seen:
            seen.add(key)
            found.append(amount)
    return found


# a blank line: no amount runs across one (the grammar's gaps hold at most one line break)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_LETTERS = re.compile(r"[^\W\d_]+")


def _cued_paragraphs(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """The spans of the paragraphs that hold a currency or scale term, a cheap pre-test: the grammar,
    tried at every word start, is the costly part, and most paragraphs hold no money. The grammar
    finds its terms as whole words, so a paragraph without one of their words has no amount. Each span
    keeps its paragraph's own line break so that the grammar's look-aheads see there what they see in
    the whole text."""
    spans, start = [], 0
    for end in [m.start() + 1 for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
        paragraph = text[start:end].lower()
        if (not vocabulary.cue_words.isdisjoint(_LETTERS.findall(paragraph))
                or any(sign in paragraph for sign in vocabulary.cue_signs)):
            spans.append((start, end))
        start = end
    return spans


def _scan(text: str, vocabulary: Vocabulary, language: str,
          spans: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """Every amount the grammar reads in `spans` of `text` (the whole text by default), in text order;
    a figure without a currency has currency None."""
    found = []
    for start, end in [(0, len(text))] if spans is None else spans:
        for match in vocabulary.pattern.finditer(text, start, end):
            amount = _read_match(match, vocabulary, language)
            if amount is not None:
                found.append(amount)
    return found


@cache
def _vocabulary(group: str) -> Vocabulary:
    data = _money_data()
    own = data[group]
    krone = data["krone"]
    number_words = {**own["number_words"], **own["multipliers"]}
    krone_words = krone["swedish_spellings"] + krone["danish_norwegian_spellings"] + krone["words"]
    currency_words = {w: _KRONE for w in krone_words}
    currency_words.update({code: code for code in data["currencies"]["codes"]})
    for code, words in data["currencies"].items():
        if code != "codes":
            currency_words.update({w: code for w in words})
    prefix_words = {code: code for code in data["prefix_currencies"]["codes"]}
    for code, words in data["prefix_currencies"].items():
        if code != "codes":
            prefix_words.update({w: code for w in words})
    currency_names = [w for w in currency_words if w[:1].isalpha()]
    currency_signs = [w for w in currency_words if not w[:1].isalpha()]
    adjectives = {
        (adjective, names): code
        for names, table in data["nationalities"].items()
        for code, words in table.items()
        for adjective in words
    }
    qualifiers = {w: kind for kind, words in data["qualifiers"].items() for w in words}
    ranges = own["ranges"]

    digits = _digits_pattern(own["decimal_mark"])
    part = _alternation(number_words, whole_word=False)
    # a word of at most 40 letters: the bound keeps the search for how to split it short
    word = rf"(?<!\w)(?=\w{{1,40}}(?!\w))(?:{part})(?:(?:{re.escape(own['joiner'])})?(?:{part}))*(?!\w)"
    # the next word of a written number starts with a multiplier ("fem tusen", "två hundra") or follows
    # one, perhaps after "och" ("tre hundra och femtio", "to tusind fem hundrede"); at most five words
    after_multiplier = "|".join(f"(?<={re.escape(m)})" for m in own["multipliers"])
    and_word = _alternation(ranges["and"])
    # (the two ways exclude each other, and the words are taken whole, atomically: one reading per
    # start keeps a chain such as "tusen tusen tusen …" linear)
    next_word = (rf"(?:(?:{after_multiplier}){_GAP}(?:{and_word}{_GAP})?"
                 rf"|(?!{after_multiplier}){_GAP}(?={_alternation(own['multipliers'], whole_word=False)}))")
    written = rf"(?>{word}(?:{next_word}{word}){{0,4}})"
    words = rf"{_alternation(own['number_phrases'])}|{written}"
    half = _alternation(data["numbers"]["and_a_half"])

    def number(name: str) -> str:
        return rf"(?:(?P<{name}_digits>{digits})|(?P<{name}_words>{words}))(?P<{name}_half>{_GAP}{half})?"

    scale = _alternation(own["scales"])
    minus = _alternation(data["numbers"]["minus"])
    hundredths = _alternation(krone["hundredths"])
    # a scaled figure that ends a clause or runs on into a word that is not what it counts
    bare_end = (
        # (a dot after "mio" may end the abbreviation, not the clause: "1,3 mio. brugere" is a count)
        rf"\.?[^\S\n]*+(?:[,;:!?)]|[–—](?=\s)|\n|$)|\.[^\S\n]++(?-i:[A-ZÅÄÖÆØÉ])"
        rf"|\.?{_GAP}{_alternation(own['bare_amount_followers'])}"
        if own["bare_amount_followers"] else "(?!)"
    )
    range_tail = (
        rf"(?P<range>(?:{_GAP_OPT}[-–—]{_GAP_OPT}|{_GAP}{_alternation(ranges['to'])}{_GAP}"
        rf"|(?(between){_GAP}{_alternation(ranges['and'])}{_GAP}|(?!)))"
        rf"{number('n2')}(?:{_GAP_OPT}(?P<s2>{scale}))?)?"
    )
    suffix_form = (
        rf"(?:(?P<between>{_alternation(ranges['between'])}){_GAP}|(?P<from>{_alternation(ranges['from'])}){_GAP})?"
        rf"(?:(?P<minus>{minus}){_GAP})?"
        # not inside a run of digit groups ("111 111 111 …"): its first group starts the number
        rf"(?<![\w.,:/−–-]){_not_after_a_digit_group()}"
        rf"{number('n1')}(?:{_GAP_OPT}(?P<s1>{scale}))?{range_tail}"
        # an opening "mellan"/"fra" belongs to a range only
        r"(?(between)(?(range)|(?!)))(?(from)(?(range)|(?!)))"
        # a price mark may stand before the currency word: "45.000,- kr."
        rf"(?:(?:[,:]-)?{_GAP_OPT}(?:(?P<fused>{_alternation(data['fused'])})"
        rf"|(?:(?P<nat>{_alternation({a for a, _ in adjectives})}){_GAP})?(?P<cur>{_alternation(currency_names)}"
        # a sign after the number only after digits: "5 €", but "a €2m" is not "a" euro
        rf"|(?(n1_digits){_alternation(currency_signs)}|(?!)))"
        # öre with the krone: "12 kroner og 50 øre" is 12.50
        rf"(?:{_GAP}{and_word}{_GAP}(?P<ore>\d{{1,2}}){_GAP}{hundredths})?)"
        # a scaled number, then a price comparative: "blir 250 miljoner dyrare" is in the text's krone
        rf"|(?(s1)|(?(s2)|(?!)))(?={_GAP}(?P<dearer>{_alternation(own['price_comparatives'])}))"
        # a scaled number with no currency: the currency of the text's stated amounts
        rf"|(?(s1)|(?(s2)|(?!)))(?=(?P<bare>{bare_end})))"
    )
    # "€5", "$2.5bn", "SEK 2,1 miljarder", "kr. 1.500,-": digits only, on the sign's line
    prefix_form = (
        rf"(?P<pre>{_alternation(prefix_words, letter_may_follow=False)})[ \u00a0]?"
        rf"(?P<p1>{digits})(?:{_GAP_OPT}[-–—]{_GAP_OPT}(?P<p2>{digits}))?"
        rf"(?:{_GAP_OPT}(?P<ps>{scale})|(?P<pa>{_alternation(data['attached_scales'])}))?(?:,-|:-)?"
    )
    qualifier = rf"(?:(?P<q>{_alternation(qualifiers)}){_GAP_OPT})?"
    first_signs = "".join(sorted({t[0] for t in prefix_words if not t[0].isalnum()} | set(_MINUS)))
    return Vocabulary(
        # an amount starts with a word, a digit, a minus or a currency sign, never inside a word: saying
        # so first makes the scan fast
        pattern=re.compile(rf"(?<!\w)(?=[\w{re.escape(first_signs)}]){qualifier}(?:{suffix_form}|{prefix_form})",
                           re.IGNORECASE),
        decimal_mark=own["decimal_mark"],
        joiner=own["joiner"],
        number_words=_keyed(number_words, Decimal),
        number_phrases=_keyed(own["number_phrases"], Decimal),
        vague_phrases=frozenset(_key(p) for p in data["numbers"]["vague"]),
        scales=_keyed({**own["scales"], **data["attached_scales"]}, Decimal),
        fused={_key(k): (Decimal(str(v["scale"])), v["currency"]) for k, v in data["fused"].items()},
        currencies=_keyed({**currency_words, **prefix_words}),
        nationalities={(_key(a), names): code for (a, names), code in adjectives.items()},
        qualifiers=_keyed(qualifiers),
        swedish_krone_words=frozenset(_key(w) for w in krone["swedish_spellings"]),
        danish_norwegian_krone_words=frozenset(_key(w) for w in krone["danish_norwegian_spellings"]),
        hundredths=frozenset(_key(w) for w in krone["hundredths"]),
        krone_by_language=dict(krone["by_language"]),
        krone_otherwise=krone["otherwise"],
        and_words=frozenset(_key(w) for w in ranges["and"]),
        bare_min_scale=Decimal(str(data["numbers"]["bare_amount_min_scale"])),
        **_cues([*currency_words, *prefix_words, *data["fused"], *own["scales"]]),
    )


def _cues(terms: list[str]) -> dict[str, Any]:
    """What a paragraph must hold for any of `terms` to be in it: the longest word of a term in
    letters ("d.kr." → "kr", "US-dollar" → "dollar"), or a sign term itself ("$", ":-", "US$")."""
    words, signs = set(), set()
    for term in map(_key, terms):
        if re.fullmatch(r"[^\W\d_]+(?:[ .-][^\W\d_]+)*", term):
            words.add(max(_LETTERS.findall(term), key=len))
        else:
            signs.add(term)
    return {"cue_words": frozenset(words), "cue_signs": tuple(sorted(signs))}


def _keyed(table: dict[str, Any], convert=None) -> dict[str, Any]:
    return {_key(k): (convert(str(v)) if convert else v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _money_data() -> dict[str, Any]:
    return tomllib.loads(resources.files("clipper").joinpath("data/money.toml").read_text("utf-8"))


def _digits_pattern(decimal_mark: str) -> str:
    group_marks = _NORDIC_GROUP_MARKS if decimal_mark == "," else _EN_GROUP_MARKS
    other_mark = re.escape("." if decimal_mark == "," else ",")
    # the other convention's mark is a decimal point too where it cannot group thousands ("2.5", "2,1");
    # Swedish prices also write öre after a colon ("4:50 kr")
    price_ore = r"|:\d\d" if decimal_mark == "," else ""
    decimals = rf"(?:{re.escape(decimal_mark)}\d+|{other_mark}(?:\d{{1,2}}|\d{{4,}}){price_ore})(?!\d)"
    marks = re.escape(group_marks)
    # bounded: a longer figure is beyond any budget (see _LIMIT), and a bound keeps the search linear
    return rf"(?:[{_MINUS}](?=\d))?(?:\d{{1,3}}(?:[{marks}]\d{{3}}){{1,5}}(?!\d)|\d{{1,18}}(?!\d))(?:{decimals})?"


def _not_after_a_digit_group() -> str:
    """A look-behind: not right after a group of one to three digits and a group mark ("1 2|00", "111
    111 |111"), though after a year ("2012-2018 46,2 mia. kr.")."""
    marks = re.escape(_NORDIC_GROUP_MARKS + _EN_GROUP_MARKS)
    return "".join(rf"(?<!(?<!\d)\d{{{size}}}[{marks}])" for size in (1, 2, 3))


def _alternation(terms, *, whole_word: bool = True, letter_may_follow: bool = True) -> str:
    """Terms as one alternation, longest first. A trailing "." is optional; a term starting with a
    letter must not follow a letter and (when whole_word) one ending with a letter must not run on
    into a word character (or, with letter_may_follow=False, into a letter: "SEK500"). A code in
    capitals matches in capitals only: "NOK" is a currency, "nok" is Danish for "enough"."""
    pieces = []
    for term in sorted({t if _is_code(t) else t.lower() for t in terms}, key=len, reverse=True):
        body = term.rstrip(".")
        regex = _GAP.join(re.escape(w) for w in body.split())
        if _is_code(term):
            regex = f"(?-i:{regex})"
        if whole_word and body[:1].isalpha():
            regex = r"(?<![^\W\d_])" + regex
        if term.endswith("."):
            regex += r"(?:\.|(?!\w))" if body[-1:].isalpha() else r"\.?"
        elif whole_word and body[-1:].isalpha():
            regex += r"(?!\w)" if letter_may_follow else r"(?![^\W\d_])"
        pieces.append(regex)
    return "(?:" + "|".join(pieces) + ")" if pieces else "(?!)"


def _is_code(term: str) -> bool:
    return term.isalpha() and term.isupper() and len(term) > 1


def _key(term: str) -> str:
    """The lookup form of a term or of matched text: case-folded, one space, no trailing dot."""
    return _SPACE_RUN.sub(" ", term.strip()).lower().rstrip(".") or term.strip()


def _read_match(match: re.Match[str], vocabulary: Vocabulary, language: str) -> dict[str, Any] | None:
    groups = match.groupdict()
    qualifier = vocabulary.qualifiers.get(_key(groups["q"])) if groups["q"] else None
    low: Decimal | None
    if groups["pre"] is not None:
        low = _digits_value(groups["p1"], vocabulary.decimal_mark)
        high = _digits_value(groups["p2"], vocabulary.decimal_mark) if groups["p2"] else None
        scale_text = groups["ps"] or groups["pa"]
        scale = vocabulary.scales[_key(scale_text)] if scale_text else Decimal(1)
        first_scale = None
        currency = _currency(vocabulary.currencies[_key(groups["pre"])], groups["pre"], vocabulary, language)
    else:
        low = _number_value(groups, "n1", vocabulary)
        high = _number_value(groups, "n2", vocabulary) if groups["range"] else None
        if groups["fused"]:
            unit_scale, named = vocabulary.fused[_key(groups["fused"])]
            currency = _currency(named, groups["fused"], vocabulary, language)
        elif groups["dearer"]:
            unit_scale, currency = Decimal(1), _currency(_KRONE, "", vocabulary, language)
        elif groups["bare"] is not None:
            unit_scale, currency = Decimal(1), None  # find_amounts gives it the text's currency
            if vocabulary.scales[_key(groups["s2"] or groups["s1"] or "")] < vocabulary.bare_min_scale:
                return None
        else:
            if groups["n1_words"] and groups["n1_words"][0].isupper() and groups["cur"][0].isupper():
                return None  # "Tre Kronor": a name, not three kronor
            unit_scale = Decimal("0.01") if _key(groups["cur"]) in vocabulary.hundredths else Decimal(1)
            currency = _currency(vocabulary.currencies[_key(groups["cur"])], groups["cur"], vocabulary,
                                 language, groups["nat"])
            if groups["ore"] and low is not None and high is None and unit_scale == 1 and not groups["s1"]:
                low += Decimal(groups["ore"]) / 100
        scale_texts = [s for s in (groups["s1"], groups["s2"]) if s]
        scale = unit_scale * (vocabulary.scales[_key(scale_texts[-1])] if scale_texts else 1)
        first_scale = unit_scale * vocabulary.scales[_key(groups["s1"])] if groups["s1"] and high is not None else None
        if qualifier is None and groups["n1_words"] and _key(groups["n1_words"]) in vocabulary.vague_phrases:
            qualifier = "approx"
    if (currency is None and groups.get("bare") is None) or low is None:
        return None
    if groups.get("minus"):
        low = -low
    if high is None:
        value_max = None
        value = low * scale
    else:
        # "2–3 miljarder": the first number shares the last scale, unless it has its own or that would
        # make it the larger end ("500 000–2 miljoner kronor")
        if first_scale is None:
            first_scale = scale if low <= high else Decimal(1)
        # "mellem 1000 og 200 kr": the ends as written, but the smaller one is the value
        value, value_max = sorted((low * first_scale, high * scale))
        qualifier = "range"
    if abs(value) >= _LIMIT or (value_max is not None and abs(value_max) >= _LIMIT):
        return None  # beyond any real budget: a digit run or a chain of words, not money
    return {
        "text": match.group(0),
        "start": match.start(),
        "end": match.end(),
        "value": _plain_number(value),
        "currency": currency,
        "qualifier": qualifier,
        "value_max": _plain_number(value_max) if value_max is not None else None,
    }


def _currency(named: str, word: str, vocabulary: Vocabulary, language: str,
              nationality: str | None = None) -> str | None:
    """The ISO code a currency word names, given an adjective before it and the text's language."""
    if nationality:
        return vocabulary.nationalities.get((_key(nationality), named))
    if named != _KRONE:
        return named
    spelling = _key(word)
    if spelling in vocabulary.swedish_krone_words:
        return "SEK"
    by_language = vocabulary.krone_by_language.get(language)
    if by_language is None or (by_language == "SEK" and spelling in vocabulary.danish_norwegian_krone_words):
        return vocabulary.krone_otherwise
    return by_language


def _number_value(groups: dict[str, str | None], name: str, vocabulary: Vocabulary) -> Decimal | None:
    digits, words = groups[f"{name}_digits"], groups[f"{name}_words"]
    value: Decimal | None
    if digits:
        value = _digits_value(digits, vocabulary.decimal_mark)
    else:
        value = _words_value(words or "", vocabulary)
    if value is not None and groups[f"{name}_half"]:
        value += Decimal("0.5")
    return value


def _digits_value(digits: str, decimal_mark: str) -> Decimal:
    negative = digits[0] in _MINUS
    digits = digits.lstrip(_MINUS)
    other_mark = "." if decimal_mark == "," else ","
    whole, _, fraction = digits.replace(":", decimal_mark).partition(decimal_mark)
    if not fraction and re.search(rf"{re.escape(other_mark)}(?:\d{{1,2}}|\d{{4,}})$", whole):
        whole, _, fraction = whole.rpartition(other_mark)
    whole = re.sub(r"\D", "", whole)
    value = Decimal(f"{whole}.{fraction}" if fraction else whole)
    return -value if negative else value


def _words_value(words: str, vocabulary: Vocabulary) -> Decimal | None:
    """"tjugofem" → 25, "to hundrede og halvtreds" → 250, "tretusenfemhundra" → 3500, "en halv" → 0.5."""
    phrase = vocabulary.number_phrases.get(_key(words))
    if phrase is not None:
        return phrase
    parts = []
    for word in words.lower().split():
        if word in vocabulary.and_words:  # "tre hundra och femtio"
            continue
        split = _split_number_word(word, vocabulary)
        if split is None:
            return None
        parts += split
    total, current = Decimal(0), Decimal(0)
    for part in parts:
        if part >= 1000:
            if total and not current:
                return None  # "tusen tusen": no number is written so
            total, current = (total + (current or 1)) * part, Decimal(0)
        elif part == 100:
            current = (current or 1) * part
        else:
            current += part
    return total + current


def _split_number_word(word: str, vocabulary: Vocabulary) -> list[Decimal] | None:
    """A number word as the values of its parts, longest parts first ("femogtyve" → [5, 20])."""
    if not word:
        return []
    for size in range(len(word), 0, -1):
        value = vocabulary.number_words.get(word[:size])
        if value is None:
            continue
        rest = word[size:]
        if vocabulary.joiner and rest.startswith(vocabulary.joiner) and len(rest) > len(vocabulary.joiner):
            joined = _split_number_word(rest[len(vocabulary.joiner):], vocabulary)
            if joined is not None:
                return [value] + joined
        tail = _split_number_word(rest, vocabulary)
        if tail is not None:
            return [value] + tail
    return None


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
