"""Sales Map pages to search: a home with its sections and a few articles."""

import itertools

import pytest
from django.utils.text import slugify

from salesmap.home.models import SalesMapHomePage
from salesmap.knowledge.models import KnowledgeArticlePage, KnowledgeIndexPage
from standards.models import NormsIndexPage

_slugs = itertools.count(1)


def add_page(parent, page):
    """``page`` published under ``parent``; saving it updates the search index."""
    if not page.slug:
        page.slug = f"{slugify(page.title)[:40] or 'page'}-{next(_slugs)}"
    return parent.add_child(instance=page)


def add_article(parent, title, summary="", **fields):
    return add_page(parent, KnowledgeArticlePage(title=title, summary=summary, body=[], **fields))


@pytest.fixture
def home(db):
    return SalesMapHomePage.objects.get()


@pytest.fixture
def knowledge(home):
    return add_page(home, KnowledgeIndexPage(title="Knowledge base", slug="knowledge"))


@pytest.fixture
def norms(home):
    return add_page(home, NormsIndexPage(title="Norms and rules", slug="norms"))


@pytest.fixture
def search(client_for, hire):
    """``search(**params)``: GET /search/ as a new hire."""
    client = client_for(hire)

    def _search(**params):
        return client.get("/search/", params)

    return _search
