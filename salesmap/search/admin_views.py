"""The Sales Ops report "Searches with no results": the articles readers miss."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchMiss

search_miss_permission_policy = ModelPermissionPolicy(SearchMiss)


class DeleteLinkColumn(Column):
    """A "Delete" link to the confirmation page, for people who may delete misses."""

    cell_template_name = "sitesearch/admin/delete_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["delete_url"] = reverse("sitesearch_miss_delete", args=[instance.pk])
        return context


class SearchMissReportView(ReportView):
    """Every search that found nothing, most frequent first; CSV and XLSX export."""

    model = SearchMiss
    permission_policy = search_miss_permission_policy
    permission_required = "view"
    page_title = _("Searches with no results")
    header_icon = "search"
    index_url_name = "sitesearch_misses"
    index_results_url_name = "sitesearch_misses_results"
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-count"
    list_export = ["query", "count", "first_searched_at", "last_searched_at"]
    export_headings = {
        "query": _("Search"),
        "count": _("Times searched"),
        "first_searched_at": _("First searched"),
        "last_searched_at": _("Last searched"),
    }

    @property
    def columns(self):
        columns = [
            Column("query", label=_("Search"), sort_key="query"),
            NumberColumn("count", label=_("Times searched"), sort_key="count"),
            DateColumn(
                "first_searched_at", label=_("First searched"), sort_key="first_searched_at"
            ),
            DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
        ]
        if self.user_has_permission("delete"):
            columns.append(DeleteLinkColumn("actions", accessor="pk", label=_("Actions")))
        return columns

    def order_queryset(self, queryset):
        # Ties (many searches made once) in a stable order, newest first.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-last_searched_at", "pk")

    def get_filename(self):
        return f"searches-with-no-results-{timezone.localdate():%Y-%m-%d}"


class SearchMissDeleteView(DeleteView):
    """Forget a miss, e.g. once the missing article is written (POST, confirmed)."""

    model = SearchMiss
    permission_policy = search_miss_permission_policy
    index_url_name = "sitesearch_misses"
    delete_url_name = "sitesearch_miss_delete"
    header_icon = "search"
