"""The "Cohorts" report: the people who started in each month, and how far
they have come along the career path."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from salesmap.progression.models import LevelChange, LevelPage, RolePage

from .base import AnalyticsReportView, ValueColumn, format_percent, two_places

URL_NAME = "review_cohorts"


@dataclass
class Cohort:
    """The active people who started in one month."""

    month: date  # the first of the month
    people: int = 0
    levels: dict = field(default_factory=dict)  # str(level id) -> people at that level now
    elsewhere: int = 0  # at no level, or at a level off the career path
    promoted: int = 0  # promoted at least once
    days_to_promotion: list = field(default_factory=list)

    @property
    def label(self):
        return format_date(self.month, get_format("YEAR_MONTH_FORMAT"))

    @property
    def month_iso(self):
        return self.month.strftime("%Y-%m")

    @property
    def average_days_to_promotion(self):
        """Mean days from start to first promotion of those promoted, or None."""
        days = self.days_to_promotion
        return two_places(sum(days) / len(days)) if days else None

    @property
    def promoted_share(self):
        return two_places(100 * self.promoted / self.people) if self.people else None


def career_levels():
    """``[(level id, title)]``: the live levels of the live roles on the
    career path, in tree order (role by role, level by level). Two queries."""
    role_paths = list(RolePage.objects.live().filter(on_career_path=True).values_list("path"))
    role_paths = {path for (path,) in role_paths}
    if not role_paths:
        return []
    return [
        (pk, title)
        for pk, title, path in LevelPage.objects.live()
        .order_by("path")
        .values_list("pk", "title", "path")
        if path[: -LevelPage.steplen] in role_paths
    ]


def cohorts(levels):
    """``[Cohort]``, newest first, of the active people with a start date.
    Two queries whatever the number of people: the people, and each one's
    first promotion (``LevelChange`` of kind promotion)."""
    people = list(
        get_user_model()
        .objects.filter(is_active=True, start_date__isnull=False)
        .values_list("pk", "start_date", "level_id")
    )
    first_promotion = dict(
        LevelChange.objects.filter(
            kind=LevelChange.Kind.PROMOTION,
            person__is_active=True,
            person__start_date__isnull=False,
        )
        .values("person_id")
        .annotate(first=Min("effective_on"))
        .values_list("person_id", "first")
    )
    on_path = {pk for pk, _title in levels}
    by_month = {}
    for person_id, start, level_id in people:
        month = start.replace(day=1)
        cohort = by_month.get(month)
        if cohort is None:
            cohort = by_month[month] = Cohort(month, levels={str(pk): 0 for pk in on_path})
        cohort.people += 1
        if level_id in on_path:
            cohort.levels[str(level_id)] += 1
        else:
            cohort.elsewhere += 1
        promoted_on = first_promotion.get(person_id)
        if promoted_on is not None:
            cohort.promoted += 1
            cohort.days_to_promotion.append(max(0, (promoted_on - start).days))
    return sorted(by_month.values(), key=lambda cohort: cohort.month, reverse=True)


class CohortsView(AnalyticsReportView):
    """Cohorts by start month with the people at each career-path level now.
    Four queries for the figures whatever the number of people."""

    page_title = _("Cohorts")
    header_icon = "group"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    results_template_name = "review/reports/cohorts_results.html"
    verbose_name = _("cohort")
    verbose_name_plural = _("cohorts")
    default_ordering = "-month"
    paginate_by = 60
    export_filename = "cohorts"
    sorts = {
        "month": lambda cohort: cohort.month,
        "people": lambda cohort: cohort.people,
        "promoted_share": lambda cohort: cohort.promoted_share,
        "days": lambda cohort: cohort.average_days_to_promotion,
    }

    @cached_property
    def levels(self):
        return career_levels()

    @cached_property
    def list_export(self):
        return [
            "month_iso",
            "people",
            *(f"levels.{pk}" for pk, _title in self.levels),
            "elsewhere",
            "promoted",
            "promoted_share",
            "average_days_to_promotion",
        ]

    @cached_property
    def export_headings(self):
        return {
            "month_iso": _("Start month"),
            "people": _("People"),
            **{f"levels.{pk}": title for pk, title in self.levels},
            "elsewhere": _("Other or no level"),
            "promoted": _("Promoted at least once"),
            "promoted_share": _("Promoted at least once (%)"),
            "average_days_to_promotion": _("Average days from start to first promotion"),
        }

    @cached_property
    def columns(self):
        return [
            Column("month", label=_("Start month"), accessor="label", sort_key="month"),
            Column("people", label=_("People"), sort_key="people"),
            *(
                Column(f"level_{pk}", label=title, accessor=f"levels.{pk}")
                for pk, title in self.levels
            ),
            Column("elsewhere", label=_("Other or no level")),
            ValueColumn(
                "promoted_share",
                label=_("Promoted at least once"),
                sort_key="promoted_share",
                format=format_percent,
            ),
            ValueColumn(
                "average_days_to_promotion",
                label=_("Days to first promotion"),
                sort_key="days",
                format=lambda days: "—" if days is None else f"{days:.0f}",
            ),
        ]

    def get_rows(self):
        return cohorts(self.levels)
