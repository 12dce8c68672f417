"""Reads of the site search: the sections, the pages a person may find, the results."""

from dataclasses import dataclass

from wagtail.models import Page

from salesmap.home.models import SalesMapHomePage
from salesmap.people import access
from standards import visibility

from . import snippets
from .sqlite_prefix import prefix_search
from .terms import stem_prefix


def sales_map_home():
    """The live Sales Map home, or None before there is one (one query)."""
    return SalesMapHomePage.objects.live().order_by("path").first()


def sections(home):
    """The sections a search can be limited to: the home's live children, in
    menu order (one query; none without a home)."""
    if home is None:
        return []
    return list(home.get_children().live().order_by("path"))


def hidden_paths(user):
    """Tree paths of the pages behind a view restriction ``user`` does not pass
    (two queries, three on first use of the user's groups)."""
    return visibility.hidden_paths(user, access.group_names(user))


def findable_pages(*, home, user, section=None):
    """The live pages under the home (or in ``section``, the section page
    included) that ``user`` may open: specific pages with StreamFields deferred,
    so that a results page costs one query per page type it shows."""
    if home is None:
        return Page.objects.none()
    if section is not None:
        pages = Page.objects.live().descendant_of(section, inclusive=True)
    else:
        pages = Page.objects.live().descendant_of(home)
    pages = visibility.exclude_paths(pages, hidden_paths(user))
    return pages.specific().defer_streamfields()


def search(*, words, pages):
    """Results for the pages of ``pages`` holding every one of ``words``, best
    first, and whether they are approximate.

    The backend's full-text search: on PostgreSQL stemmed with the
    ``SEARCH_CONFIG`` text search configuration, so word forms match. SQLite's
    FTS5 does not stem, so there a search that finds nothing is retried with
    each word's stem as a prefix (see ``sqlite_prefix``) and those results are
    approximate. Runs the count (one query, two with the retry); the results
    themselves are fetched when sliced.
    """
    if not words:
        return [], False
    results = pages.search(" ".join(words), operator="and")
    if results.count() == 0:
        fallback = prefix_search(pages, [stem_prefix(word) for word in words])
        if fallback is not None and fallback.count():
            return fallback, True
    return results, False


@dataclass(frozen=True)
class SearchHit:
    page: Page
    section: Page | None
    snippet: str


def hits(results, *, sections, words):
    """One results page as ``SearchHit``s: each page with its section and a
    highlighted snippet. No queries beyond fetching ``results``."""
    by_path = {section.path: section for section in sections}
    section_path_length = len(sections[0].path) if sections else 0
    matcher = snippets.WordMatcher(words)
    return [
        SearchHit(
            page=page,
            section=by_path.get(page.path[:section_path_length]),
            snippet=snippets.snippet(page, matcher),
        )
        for page in results
    ]
