"""Admin wiring of the site search: the "Searches with no results" report."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import SearchMissDeleteView, SearchMissReportView, search_miss_permission_policy


@hooks.register("register_admin_urls")
def register_search_miss_urls():
    return [
        path("reports/search-misses/", SearchMissReportView.as_view(), name="sitesearch_misses"),
        path(
            "reports/search-misses/results/",
            SearchMissReportView.as_view(results_only=True),
            name="sitesearch_misses_results",
        ),
        path(
            "reports/search-misses/<int:pk>/delete/",
            SearchMissDeleteView.as_view(),
            name="sitesearch_miss_delete",
        ),
    ]


class SearchMissMenuItem(MenuItem):
    def is_shown(self, request):
        return search_miss_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_search_miss_menu_item():
    return SearchMissMenuItem(
        _("Searches with no results"),
        reverse("sitesearch_misses"),
        name="searches-with-no-results",
        icon_name="search",
        order=1310,  # next to Wagtail's own search terms report
    )


@hooks.register("register_permissions")
def register_search_miss_permissions():
    """Let the group editor grant (or take away) seeing and deleting misses."""
    return Permission.objects.filter(
        content_type__app_label="sitesearch", codename__in=["view_searchmiss", "delete_searchmiss"]
    )
