from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from standards import selectors
from standards.models import ReviewedPageMixin
from standards.page_forms import SalesMapPageForm


class SalesMapHomePage(ReviewedPageMixin, Page):
    """The root of the Sales Map: where a rep lands after signing in."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few sentences that welcome a rep and say what the Sales Map is for."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = SalesMapPageForm

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "standards.NormsIndexPage",
        "knowledge.KnowledgeIndexPage",
        "standards.FunnelPage",
        "progression.RolesIndexPage",
        "lessons.LearningIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Sales Map home")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().specific(defer=True)
        context["pending_acknowledgements"] = selectors.pending_acknowledgements(request.user)
        if request.user.has_perm("wagtailadmin.access_admin"):
            context["trust"] = selectors.trust_score()
        return context
