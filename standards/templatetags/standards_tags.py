"""Template tags every Sales Map page uses for its review, acknowledgement and suggestion box."""

from django import template
from django.utils import timezone

from standards import selectors, services
from standards.forms import SuggestionForm
from standards.models import Suggestion

register = template.Library()


@register.inclusion_tag("standards/includes/page_tools.html", takes_context=True)
def sales_map_page_tools(context, page):
    """The footer of a Sales Map page: who verified it and when, the reader's
    acknowledgement, and the suggestion form with the reader's earlier
    suggestions about this page and their replies. A fixed number of queries.
    """
    request = context["request"]
    person = request.user
    if page.pk is None:  # a preview of a page not saved yet: nothing to show
        return {"request": request, "page": page, "unsaved": True}
    review = selectors.review_of(page)
    may_verify = person.has_perm("wagtailadmin.access_admin") and services.may_verify(person, page)
    state = None
    if getattr(page, "is_acknowledgeable", False):
        state = selectors.acknowledgement_state(person=person, page=page)
    return {
        "request": request,
        "page": page,
        "review": review,
        "review_overdue": review is not None and review.due_at < timezone.now(),
        "may_verify": may_verify,
        "ack": state,
        "suggestion_form": SuggestionForm(),
        "my_suggestions": Suggestion.objects.filter(author=person, page=page).select_related(
            "replied_by"
        )[:5],
    }
