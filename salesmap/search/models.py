"""What readers looked for and did not find: the knowledge base's missing articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .terms import MAX_QUERY_LENGTH


class SearchMiss(models.Model):
    """A normalised search that returned nothing, with how often it was made.

    One row per query text (unique), counted by ``services.record_miss`` with
    an ``F()`` increment so that concurrent searches never lose a count.
    """

    query = models.CharField(
        _("search"),
        max_length=MAX_QUERY_LENGTH,
        unique=True,
        help_text=_("The words searched for, in lower case, punctuation removed."),
    )
    count = models.PositiveIntegerField(
        _("times searched"), default=1, help_text=_("How many searches found nothing.")
    )
    first_searched_at = models.DateTimeField(
        _("first searched"), help_text=_("When somebody first found nothing.")
    )
    last_searched_at = models.DateTimeField(
        _("last searched"), help_text=_("When somebody last found nothing.")
    )

    class Meta:
        verbose_name = _("search with no results")
        verbose_name_plural = _("searches with no results")
        ordering = ["-count", "query"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="search_miss_counted_at_least_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(query=""), name="search_miss_query_not_empty"
            ),
        ]

    def __str__(self):
        return self.query
