"""What a search box's text becomes before any backend sees it.

Only words (runs of Unicode letters and digits) are ever searched. Quotes,
``*``, ``:``, ``-``, brackets and the like are dropped, and every word reaches
the backend as a quoted term, so ``AND`` or ``NEAR(`` are plain words here and
no input can form an FTS5 or tsquery operator.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
# A bound on the terms of one search: 200 characters hold at most 100 words.
MAX_WORDS = 32

_WORD = re.compile(r"[^\W_]+")
# Control characters other than tab and line breaks, which count as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Inflectional endings removed by ``stem_prefix`` (the longest that fits). A
# light stemmer, not Snowball: enough for a prefix to reach the other forms of
# a regular word ("возражениями" -> "возражен", "objections" -> "objection").
_RUSSIAN_ENDINGS = (
    "иями ями ами иях ях ах ией ей ой ий ый ого его ому ему ыми ими ым им ом ем ам ям "
    "ая яя ое ее ие ые ую юю ию ия ии ью ов ев ться тся ть ешь ет ут ют ит ат ят ла ло "
    "ли а я о е ы и у ю ь й"
)
_ENGLISH_ENDINGS = "ations ation ings ing ies ied ed es s ly y e"
_CYRILLIC = re.compile("[а-яё]")


def _longest_first(endings):
    return tuple(sorted(endings.split(), key=len, reverse=True))


_ENDINGS = {"ru": _longest_first(_RUSSIAN_ENDINGS), "en": _longest_first(_ENGLISH_ENDINGS)}
_MIN_STEM = 4


def has_control_characters(text):
    return bool(_CONTROL.search(text))


def normalise_query(text):
    """The canonical form of a search: its words, casefolded, one space apart.

    Strips, collapses whitespace, drops punctuation and cuts to
    ``MAX_QUERY_LENGTH`` characters (at a word boundary), so that "Price?"
    and "  price " are one search. An empty string means "nothing to search".
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    normalised = ""
    for word in words[:MAX_WORDS]:
        candidate = f"{normalised} {word}" if normalised else word
        if len(candidate) > MAX_QUERY_LENGTH:
            break
        normalised = candidate
    return normalised


def query_words(text):
    """The words of a (normalised or raw) search, in order, without repeats."""
    return list(dict.fromkeys(normalise_query(text).split()))


def stem_prefix(word):
    """``word`` without its inflectional ending, for prefix matching.

    Keeps at least four characters, so short words ("crm", "план") stay whole.
    """
    endings = _ENDINGS["ru" if _CYRILLIC.search(word) else "en"]
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word
