"""The knowledge base: product, ideal customer profile, objections, competitors, scripts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from standards.blocks import content_blocks
from standards.models import ReviewedPageMixin
from standards.page_forms import SalesMapPageForm


@register_snippet
class KnowledgeCategory(models.Model):
    """A shelf of the knowledge base (product, objections, competitors, scripts...)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("Used in the address of the category filter."),
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("What readers find in this category."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("knowledge category")
        verbose_name_plural = _("knowledge categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class KnowledgeIndexPage(ReviewedPageMixin, Page):
    """The knowledge base's front page: every article, by category and tag."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the knowledge base holds and how to use it."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = SalesMapPageForm
    parent_page_types = ["home.SalesMapHomePage"]
    subpage_types = ["knowledge.KnowledgeArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")
        verbose_name_plural = _("knowledge bases")

    def articles(self):
        """Live articles with their category and tags, without their bodies (three queries)."""
        return (
            KnowledgeArticlePage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .select_related("category")
            .prefetch_related("tags")
            .order_by(models.F("category__name").asc(nulls_last=True), "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        category_slug = request.GET.get("category", "")
        tag_slug = request.GET.get("tag", "")
        categories = KnowledgeCategory.objects.all()
        active_category = next((c for c in categories if c.slug == category_slug), None)
        if active_category is not None:
            articles = articles.filter(category=active_category)
        if tag_slug:
            articles = articles.filter(tags__slug=tag_slug)
        context.update(
            articles=articles,
            categories=categories,
            active_category=active_category,
            active_tag=tag_slug if len(tag_slug) <= 100 else "",
            tags=ArticleTag.tags_in_use(self),
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowledgeArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    @staticmethod
    def tags_in_use(index_page):
        """The tags used by the index's live articles, with how many articles use each."""
        from taggit.models import Tag

        return (
            Tag.objects.filter(
                knowledge_articletag_items__content_object__live=True,
                knowledge_articletag_items__content_object__path__startswith=index_page.path,
            )
            .annotate(uses=models.Count("knowledge_articletag_items", distinct=True))
            .order_by("name")
        )


class KnowledgeArticlePage(ReviewedPageMixin, Page):
    """One article: a product sheet, an objection with answers, a competitor, a script."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    category = models.ForeignKey(
        KnowledgeCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("The shelf this article sits on. Manage them under Snippets."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"),
        through=ArticleTag,
        blank=True,
        help_text=_("Words readers might look for, e.g. price, SMB, onboarding."),
    )
    body = StreamField(
        content_blocks(),
        verbose_name=_("body"),
        help_text=_("The article: text, headings, scripts, callouts, images and videos."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("category"),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("related_articles", heading=_("Related articles"), label=_("article")),
    ]
    settings_panels = [*Page.settings_panels, *ReviewedPageMixin.review_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("category"),
    ]
    base_form_class = SalesMapPageForm
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [
            link.article
            for link in self.related_articles.select_related("article")
            if link.article is not None and link.article.live
        ]
        return context


class RelatedArticle(Orderable):
    page = ParentalKey(
        KnowledgeArticlePage, on_delete=models.CASCADE, related_name="related_articles"
    )
    article = models.ForeignKey(
        KnowledgeArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another article a reader of this one should see."),
    )

    panels = [PageChooserPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(fields=["page", "article"], name="related_article_once")
        ]

    def clean(self):
        if self.page_id and self.article_id == self.page_id:
            raise ValidationError({"article": _("An article cannot be related to itself.")})
