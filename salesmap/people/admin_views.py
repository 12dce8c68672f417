"""The cohort import in the Wagtail admin: upload, preview (a dry run), confirm.

The preview carries the file's text to the confirm step in a signed hidden
field, so the confirmed import is exactly the previewed file; the confirm
step checks it all again rather than trusting the preview.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from . import cohort
from .forms import CohortImportForm

# The policy Wagtail registered for the user model: the same one the People
# viewset checks, so the import and the People list agree on who may add people.
people_permission_policy = policy_registry.get_by_type(get_user_model())

PREVIEW_SALT = "salesmap.people.cohort_import.preview"
PREVIEW_MAX_AGE = 60 * 60  # seconds: long enough to read the preview, not a day


def sign_preview(*, text, send_invitations, user):
    """The previewed file and choices as a tamper-proof token for the confirm step."""
    return signing.dumps(
        {"text": text, "send_invitations": send_invitations, "by": user.pk},
        salt=PREVIEW_SALT,
        compress=True,
    )


def read_preview(token, *, user):
    """The payload of ``sign_preview``; BadSignature if it was altered, made for
    somebody else, or (SignatureExpired) is older than PREVIEW_MAX_AGE."""
    payload = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    if not isinstance(payload, dict) or payload.get("by") != user.pk:
        raise signing.BadSignature("The preview was made for somebody else.")
    return payload


class CohortImportMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = people_permission_policy
    permission_required = "add"
    page_title = gettext_lazy("Import a cohort")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("People")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=cohort.COLUMNS,
            required_columns=cohort.REQUIRED_COLUMNS,
            max_rows=cohort.MAX_ROWS,
            **kwargs,
        )

    def render_errors(self, form, result):
        return self.render_to_response(self.get_context_data(form=form, result=result))


class CohortImportView(CohortImportMixin, FormView):
    """Upload a file; show what it would change, or what is wrong with it."""

    form_class = CohortImportForm
    template_name = "people/admin/cohort_import.html"

    def form_valid(self, form):
        text = form.cleaned_data["csv_file"]
        send_invitations = form.cleaned_data["send_invitations"]
        result = cohort.import_cohort(
            text=text,
            dry_run=True,
            invited_by=self.request.user,
            send_invitations=send_invitations,
        )
        if not result.ok:
            return self.render_errors(form, result)
        self.template_name = "people/admin/cohort_preview.html"
        return self.render_to_response(
            self.get_context_data(
                result=result,
                send_invitations=send_invitations,
                preview=sign_preview(
                    text=text, send_invitations=send_invitations, user=self.request.user
                ),
            )
        )


class CohortImportConfirmView(CohortImportMixin, View):
    """Import the previewed file, checked again (people may have changed since)."""

    http_method_names = ["post"]
    template_name = "people/admin/cohort_import.html"

    def post(self, request):
        try:
            preview = read_preview(request.POST.get("preview", ""), user=request.user)
        except signing.SignatureExpired:
            messages.error(
                request, _("The preview is more than an hour old. Upload the file again.")
            )
            return redirect("people_cohort_import")
        except signing.BadSignature as exc:
            # Our own page never sends this: somebody edited the form.
            raise SuspiciousOperation("Cohort import preview failed its signature check") from exc
        result = cohort.import_cohort(
            text=preview["text"],
            dry_run=False,
            invited_by=request.user,
            send_invitations=preview["send_invitations"],
        )
        if not result.ok:
            messages.error(
                request,
                _(
                    "Nothing was imported: the Sales Map has changed since the preview. "
                    "See the problems below."
                ),
            )
            return self.render_errors(CohortImportForm(), result)
        messages.success(request, _summary(result))
        return redirect("wagtailusers_users:index")


def _summary(result):
    summary = _(
        "Cohort imported. New: %(created)d. Updated: %(updated)d. Unchanged: %(unchanged)d."
    ) % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    if result.invitations:
        summary += " " + ngettext(
            "%(count)d invitation is on its way.",
            "%(count)d invitations are on their way.",
            result.invitations,
        ) % {"count": result.invitations}
    return summary
