"""Result snippets: a short plain-text excerpt with the searched words in ``<mark>``.

Stored HTML is never trusted: rich text is reduced to plain text first, and
every character of the excerpt is escaped before the ``<mark>`` tags are added.
"""

import html
import re

from django.utils.html import format_html, format_html_join, strip_tags
from wagtail.fields import RichTextField

from .terms import stem_prefix

SNIPPET_LENGTH = 240
# The page fields a snippet is taken from, first match wins.
SNIPPET_FIELDS = ("search_description", "summary", "intro", "description")

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_LEAD = 60  # characters kept before the first match


def plain_text(page, field_name):
    """The text of ``page.<field_name>``: tags removed from rich text, spaces collapsed."""
    value = getattr(page, field_name, "") or ""
    if not isinstance(value, str):
        value = str(value)
    field = next((f for f in page._meta.concrete_fields if f.name == field_name), None)
    if isinstance(field, RichTextField):
        # A space before each tag, so that "</p><p>" does not glue two words together.
        value = html.unescape(strip_tags(value.replace("<", " <")))
    return _SPACE.sub(" ", value).strip()


class WordMatcher:
    """Whether a word of a page is one of the searched words or another form of one.

    A word matches when it equals a searched word or starts with its stem
    (``stem_prefix``), so "возражениями" is marked for a search of "возражение".
    Stems shorter than four characters only match whole words.
    """

    def __init__(self, words):
        self.exact = frozenset(words)
        self.prefixes = tuple(stem for stem in map(stem_prefix, words) if len(stem) >= 4)

    def __bool__(self):
        return bool(self.exact)

    def matches(self, word):
        folded = word.casefold()
        return folded in self.exact or folded.startswith(self.prefixes)

    def first_match(self, text):
        """The offset of the first matching word in ``text``, or None."""
        return next((m.start() for m in _WORD.finditer(text) if self.matches(m.group())), None)


def _window(text, start):
    """About ``SNIPPET_LENGTH`` characters of ``text`` around ``start``, cut at spaces."""
    begin = max(0, start - _LEAD)
    if begin:
        space = text.find(" ", begin, start)
        begin = space + 1 if space != -1 else begin
    end = begin + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    else:
        end = len(text)
    return text[begin:end], begin > 0, end < len(text)


def highlight(text, matcher):
    """``text`` escaped, with each matching word wrapped in ``<mark>``."""
    pieces = []  # (text before the word, the word)
    position = 0
    for match in _WORD.finditer(text):
        if matcher.matches(match.group()):
            pieces.append((text[position : match.start()], match.group()))
            position = match.end()
    # format_html escapes every argument.
    return format_html("{}{}", format_html_join("", "{}<mark>{}</mark>", pieces), text[position:])


def snippet(page, matcher):
    """The excerpt shown under a result: from the first field holding a searched
    word, else the start of the first field that has text; '' when none has."""
    texts = [text for text in (plain_text(page, name) for name in SNIPPET_FIELDS) if text]
    if not texts:
        return ""
    for text in texts:
        start = matcher.first_match(text) if matcher else None
        if start is not None:
            break
    else:
        text, start = texts[0], 0
    excerpt, cut_before, cut_after = _window(text, start)
    body = highlight(excerpt, matcher)  # escaped
    return format_html("{}{}{}", "… " if cut_before else "", body, " …" if cut_after else "")
