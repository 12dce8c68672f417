"""Admin wiring for people: the cohort import's URLs and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import CohortImportConfirmView, CohortImportView, people_permission_policy


@hooks.register("register_admin_urls")
def register_cohort_import_urls():
    return [
        path("people/import/", CohortImportView.as_view(), name="people_cohort_import"),
        path(
            "people/import/confirm/",
            CohortImportConfirmView.as_view(),
            name="people_cohort_import_confirm",
        ),
    ]


class CohortImportMenuItem(MenuItem):
    def is_shown(self, request):
        return people_permission_policy.user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_cohort_import_menu_item():
    return CohortImportMenuItem(
        _("Import a cohort"),
        reverse("people_cohort_import"),
        name="cohort-import",
        icon_name="upload",
        order=251,  # just below People
    )
