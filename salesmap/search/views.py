"""The search page: one box across the Sales Map, results by relevance."""

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors, services
from .forms import SearchForm

RESULTS_PER_PAGE = 20

logger = logging.getLogger(__name__)


@require_GET
def search(request):
    """Results for ``q`` (optionally in one ``section``), paginated by ``page``.

    Bad input is a form error shown on the page with status 400. A search that
    finds nothing is counted for the Sales Ops report. Query count: a fixed
    number plus one per page type on the results page.
    """
    home = selectors.sales_map_home()
    sections = selectors.sections(home)
    form = SearchForm(request.GET or None, sections=sections)
    context = {"form": form, "sections": sections, "searched": False}
    if form.is_bound and not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    words = form.words
    if not words:
        return render(request, "search/search.html", context)

    pages = selectors.findable_pages(
        home=home, user=request.user, section=form.cleaned_data["section"]
    )
    results, approximate = selectors.search(words=words, pages=pages)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if paginator.count == 0:
        _count_miss(form.cleaned_data["q"])
    context.update(
        searched=True,
        query=form.cleaned_data["q"],
        section=form.cleaned_data["section"],
        approximate=approximate,
        page_obj=page,
        result_count=paginator.count,
        hits=selectors.hits(page.object_list, sections=sections, words=words),
    )
    return render(request, "search/search.html", context)


def _count_miss(query):
    # A reader's search must not fail because a counter could not be written.
    try:
        services.record_miss(query=query)
    except DatabaseError:
        logger.exception("Could not count a search with no results")
