"""The SQLite fallback: when a full-text search finds nothing, search again with
every word cut to its stem and matched as a prefix.

SQLite's FTS5 (what modelsearch uses there) does not stem: "возражение" does
not match "возражениями". FTS5 does answer prefix queries ("возражен"*), over
the same title and body columns the full-text search uses, so a light stemmer
(``terms.stem_prefix``) plus prefixes reaches most regular word forms.

modelsearch's own ``autocomplete()`` is also a prefix search, but on SQLite it
only reads ``AutocompleteField``s, which on our pages is the title alone, and
only its last word is a prefix: not enough for a body-text search.

This reuses modelsearch's SQLite query compiler, changing only how a plain-text
query becomes an FTS5 expression; ``tests/search`` pins that behaviour.
"""

import operator
from functools import reduce

from django.db import connection
from modelsearch.backends import get_search_backend


def prefix_search(queryset, stems):
    """Search results for pages of ``queryset`` holding a word that starts with
    each of ``stems`` (all of them), best match first; None unless the
    search backend is modelsearch's SQLite FTS5 backend."""
    if connection.vendor != "sqlite" or not stems:
        return None
    # Imported here: these modules read the SQLite index models, which only
    # exist when the database is SQLite.
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.query import PlainText

    class StemPrefixQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                lexemes = [Lexeme(term, prefix=True) for term in query.query_string.split()]
                if lexemes:
                    return SearchQueryExpression(reduce(operator.and_, lexemes), config=config)
            return super().build_search_query_content(query, config=config)

    backend = get_search_backend()
    if not isinstance(backend, SQLiteSearchBackend):
        return None
    compiler = StemPrefixQueryCompiler(queryset, PlainText(" ".join(stems), operator="and"))
    compiler.check()
    return backend.results_class(backend, compiler)
