"""Reader-side actions on Sales Map pages: acknowledge, verify, suggest, see what changed.

Every signed-in person reads the whole Sales Map, so the question each view
asks is about the page (is it live, does it take this action) and, for
verification, about the person's relation to the page (owner or publisher).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page, Revision

from standards import selectors, services
from standards.forms import SuggestionForm
from standards.models import Suggestion


def _live_page(page_id):
    return get_object_or_404(Page.objects.live(), pk=page_id).specific


def _back(request, page):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(page.get_url(request) or "/")


@require_POST
def acknowledge(request, page_id):
    page = _live_page(page_id)
    try:
        _ack, created = services.acknowledge(page=page, person=request.user)
    except services.NotAcknowledgeable as error:
        return HttpResponseBadRequest(str(error))
    if created:
        messages.success(request, _("Thank you: your confirmation is recorded."))
    return _back(request, page)


@require_POST
def verify(request, page_id):
    page = _live_page(page_id)
    try:
        review = services.verify_page(page=page, person=request.user)
    except services.NotAllowed as error:
        return render(request, "403.html", {"message": str(error)}, status=403)
    messages.success(
        request,
        _("Verified. The next review is due on %(date)s.")
        % {"date": date_format(timezone.localtime(review.due_at), "DATE_FORMAT")},
    )
    return _back(request, page)


@require_POST
def suggest(request, page_id):
    page = _live_page(page_id)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        services.suggest(page=page, author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you: Sales Ops will read your suggestion and reply."))
        return _back(request, page)
    return render(
        request,
        "standards/suggestion_form_page.html",
        {"page": page, "form": form},
        status=400,
    )


@require_GET
def my_suggestions(request):
    suggestions = Suggestion.objects.filter(author=request.user).select_related(
        "page", "replied_by"
    )
    page_obj = Paginator(suggestions, 25).get_page(request.GET.get("page"))
    return render(request, "standards/my_suggestions.html", {"page_obj": page_obj})


@require_GET
def changes(request, page_id):
    """What changed on a page since the revision a reader acknowledged.

    Compares two published revisions with Wagtail's own comparison classes
    (the same the admin's compare view uses), so readers, who never enter
    the admin, see the same diff editors do.
    """
    page = _live_page(page_id)
    since = request.GET.get("since", "")
    # ASCII digits only, and short enough for a bigint ("²" is a digit to isdigit()).
    if not (since.isascii() and since.isdigit() and len(since) <= 18):
        return HttpResponseBadRequest(_("Say which revision to compare from (?since=<number>)."))
    since = int(since)
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    old = revisions.filter(pk=since).first()
    acknowledged_it = page.acknowledgements.filter(person=request.user, revision_id=since)
    if old is None and not acknowledged_it.exists():
        return HttpResponseBadRequest(_("That revision does not belong to this page."))
    # old is None when the revision the reader acknowledged was purged since:
    # the change notes remain, the field-by-field comparison does not.
    new = revisions.filter(pk=services.live_revision_id(page)).first()
    comparison = []
    if old is not None and new is not None and new.pk != old.pk:
        comparison = selectors.compare_revisions(page=page, old=old, new=new, request=request)
    state = selectors.acknowledgement_state(person=request.user, page=page)
    change_notes = page.changes.filter(published_revision_id__gt=since).exclude(note="")
    return render(
        request,
        "standards/changes.html",
        {
            "page": page,
            "old": old,
            "new": new,
            "comparison": comparison,
            "change_notes": change_notes,
            "state": state,
        },
    )
