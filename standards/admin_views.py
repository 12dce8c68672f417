"""Admin actions of the standards app that Wagtail's generic views do not cover."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from standards import services


@require_POST
def verify_page(request, page_id):
    """Verify one live page from the review report, then go back to the report.

    The service decides who may verify (the page's owner or a publisher);
    anybody else gets a 403 and nothing is written.
    """
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    try:
        review = services.verify_page(page=page, person=request.user)
    except services.NotAllowed as error:
        # A 403 page, not Wagtail's redirect to the dashboard: nothing was verified.
        return render(request, "403.html", {"message": str(error)}, status=403)
    messages.success(
        request,
        _("“%(title)s” verified. The next review is due on %(date)s.")
        % {
            "title": page.title,
            "date": date_format(timezone.localdate(review.due_at), "DATE_FORMAT"),
        },
    )
    return redirect(get_valid_next_url_from_request(request) or "standards_review_report")
