"""Admin wiring of the standards app."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from standards import admin_views, services
from standards.models import Suggestion
from standards.reports import PagesDueForReviewView, ReviewReportMenuItem, trust_score_panel_for
from standards.viewsets import SuggestionViewSet, suggestion_permission_policy

# Registered before anything asks the registry, so the inbox and its menu use it.
register_permission_policy(Suggestion, suggestion_permission_policy)


@hooks.register("before_publish_page")
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def record_change_note(request, page):
    """Store the change note the editor wrote with this save (see AcknowledgeablePageForm).

    Publishing runs ``before_publish_page`` with the instance the form saved
    (the edit view reloads the page before ``after_edit_page``); saving a
    draft or submitting to the workflow runs ``after_*_page``. The note is
    taken off the instance once stored, so it is recorded exactly once.
    """
    pending = getattr(page, "_pending_change", None)
    if not pending:
        return
    page._pending_change = None
    services.record_change(
        page=page,
        revision=page.latest_revision,
        note=pending["note"],
        requires_reacknowledgement=pending["requires_reacknowledgement"],
        roles=pending["roles"],
        author=request.user,
    )


# --- Review report, trust score and suggestions inbox --------------------------------------


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/pages-due-for-review/",
            PagesDueForReviewView.as_view(),
            name="standards_review_report",
        ),
        path(
            "reports/pages-due-for-review/results/",
            PagesDueForReviewView.as_view(results_only=True),
            name="standards_review_report_results",
        ),
        path(
            "reviews/<int:page_id>/verify/",
            admin_views.verify_page,
            name="standards_verify_page",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Pages due for review"),
        reverse("standards_review_report"),
        name="pages-due-for-review",
        icon_name="time",
        order=50,
    )


@hooks.register("register_permissions")
def register_review_report_permission():
    return Permission.objects.filter(
        content_type__app_label="standards", codename="view_pagereview"
    )


@hooks.register("construct_homepage_panels")
def add_trust_score_panel(request, panels):
    panel = trust_score_panel_for(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_viewset")
def register_suggestions_inbox():
    return SuggestionViewSet("suggestions")
