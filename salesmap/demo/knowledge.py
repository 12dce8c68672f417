"""The demo knowledge base: categories, the index page and the articles.

Articles are created in the order of ``ARTICLES``; an article's related
articles are earlier ones, so the links go in with the first revision.
"""

from salesmap.home.models import SalesMapHomePage
from salesmap.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeCategory,
    KnowledgeIndexPage,
    RelatedArticle,
)

from .articles_product import PRODUCT_ARTICLES
from .articles_ru import RUSSIAN_ARTICLES
from .articles_selling import SELLING_ARTICLES
from .pages import Section, ensure_child
from .streams import resolve

# (slug, name, description)
CATEGORIES = [
    ("product", "Product", "Our service lines: what is included and what drives the price."),
    (
        "ideal-customer-profile",
        "Ideal customer profile",
        "Who we sell to, who decides and the signals that a company is ready.",
    ),
    ("objections", "Objections and answers", "What clients say, what it means, what to answer."),
    ("competitors", "Competitors", "Who else the client talks to, and how we win against them."),
    ("scripts", "Scripts", "Model calls and dialogues for each stage."),
    ("email-templates", "Email templates", "Emails that get replies, ready to adapt."),
]

ARTICLES = [*PRODUCT_ARTICLES, *SELLING_ARTICLES, *RUSSIAN_ARTICLES]


def load_categories():
    """``{slug: KnowledgeCategory}``; existing categories are kept as they are."""
    return {
        slug: KnowledgeCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in CATEGORIES
    }


def _tagger(tags):
    def add_tags(page):
        page.tags.add(*tags)

    return add_tags


def load_knowledge(people, stages):
    """The knowledge index and its articles; returns a ``Section`` keyed by article slug.

    ``stages`` is ``{slug: FunnelStagePage}`` for the articles' standard links.
    """
    home = SalesMapHomePage.objects.get()
    lead = people["ops.lead"]
    categories = load_categories()
    index, made = ensure_child(
        home,
        KnowledgeIndexPage,
        slug="knowledge",
        title="Knowledge base",
        intro=(
            "<p>Everything a rep needs between calls: our service lines, the ideal customer "
            "profile, answers to objections, competitors, scripts and email templates. "
            "Filter by category or tag; suggest an improvement on any article.</p>"
        ),
        content_owner=lead,
        review_interval_days=180,
        author=lead,
    )
    section = Section(index=index, created=[index] if made else [])
    for data in ARTICLES:
        owner = people[data["owner"]]
        page, made = ensure_child(
            index,
            KnowledgeArticlePage,
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            category=categories.get(data["category"]),
            body=resolve(data["body"], stages),
            related_articles=[
                RelatedArticle(article=section.pages[slug])
                for slug in data["related"]
                if slug in section.pages
            ],
            content_owner=owner,
            review_interval_days=data["review"],
            author=owner,
            before_save=_tagger(data["tags"]),
        )
        section.pages[data["slug"]] = page
        if made:
            section.created.append(page)
    return section
