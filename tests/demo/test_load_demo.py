"""`manage.py load_demo`: the demo department and its Sales Map, idempotent."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Revision, get_page_models

from salesmap.demo.people import DEMO_PASSWORD, PEOPLE
from salesmap.demo.upkeep import OVERDUE
from salesmap.knowledge.models import (
    ArticleTag,
    KnowledgeArticlePage,
    KnowledgeCategory,
    RelatedArticle,
)
from salesmap.people import access
from salesmap.progression.models import LevelPage, RolePage
from standards import selectors
from standards.models import (
    Acknowledgement,
    ClientGroup,
    FunnelPage,
    FunnelStagePage,
    NormRule,
    NormsTopicPage,
    PageReview,
    PageVerification,
    ReviewedPageMixin,
    StageVariant,
    Suggestion,
)

STAGE_SLUGS = [
    "new-request",
    "qualification",
    "needs-discovery",
    "proposal",
    "negotiation",
    "paperwork",
    "handover",
    "cross-sell-upsell",
]
CYRILLIC = re.compile("[А-Яа-яЁё]")


def run():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def sales_map_pages():
    """Every Sales Map page (any page type with an owner and a review interval)."""
    reviewed = [m for m in get_page_models() if issubclass(m, ReviewedPageMixin)]
    return [page for model in reviewed for page in model.objects.all()]


def snapshot():
    User = get_user_model()
    return (
        list(
            User.objects.order_by("pk").values_list(
                "username", "password", "manager_id", "level_id"
            )
        ),
        list(Page.objects.order_by("pk").values_list("pk", "path", "title", "live")),
        Revision.objects.count(),
        list(PageReview.objects.order_by("pk").values_list("pk", "owner_id", "due_at")),
        [
            model.objects.count()
            for model in (
                PageVerification,
                Acknowledgement,
                Suggestion,
                NormRule,
                StageVariant,
                ClientGroup,
                KnowledgeCategory,
                RelatedArticle,
                ArticleTag,
            )
        ],
    )


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    run()
    before = snapshot()
    output = run()
    assert snapshot() == before
    assert "0 page(s) and 0 person(s) created" in output
    assert "0 verification(s), 0 acknowledgement(s), 0 suggestion(s)" in output


@pytest.mark.django_db
def test_second_run_leaves_pages_edited_by_sales_ops_as_they_are():
    run()
    stage = FunnelStagePage.objects.get(slug="proposal")
    stage.summary = "Edited by Sales Ops."
    stage.recommended_days = 9
    stage.save_revision().publish()
    FunnelStagePage.objects.get(slug="paperwork").delete()
    revisions = Revision.objects.count()
    run()
    stage = FunnelStagePage.objects.get(slug="proposal")
    assert (stage.summary, stage.recommended_days) == ("Edited by Sales Ops.", 9)
    assert Revision.objects.count() == revisions + 1  # only the deleted stage, re-created
    recreated = FunnelStagePage.objects.get(slug="paperwork")
    assert [s.slug for s in recreated.next_stages.all()] == ["handover"]


class DemoContentTests(TestCase):
    """What one demo load leaves behind (loaded once for the class)."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run()

    def test_load_demo_prints_the_logins(self):
        for username, *_ in PEOPLE:
            assert username in self.output
        assert DEMO_PASSWORD in self.output

    def test_demo_department_has_the_expected_shape(self):
        User = get_user_model()
        ops = [u for u in User.objects.all() if access.is_sales_ops(u)]
        managers = [u for u in User.objects.all() if access.is_manager(u)]
        assert len(ops) == 2
        assert len(managers) == 2
        hires = User.objects.filter(groups__name="New hires")
        assert hires.count() == 5
        assert {h.manager.username for h in hires} == {"maria.manager", "daniel.manager"}
        assert all(h.level is not None and h.level.is_child_of(h.role) for h in hires)

    def test_demo_logins_work(self):
        response = self.client.post(
            "/accounts/login/", {"username": "anna.sdr", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302

    def test_demo_manager_sees_reports_of_reports(self):
        User = get_user_model()
        maria = User.objects.get(username="maria.manager")
        visible = set(access.visible_people(maria).values_list("username", flat=True))
        assert {"daniel.manager", "sam.ae", "pavel.sdr", "anna.sdr"} <= visible

    def stages(self):
        funnel = FunnelPage.objects.get()
        return list(FunnelStagePage.objects.child_of(funnel).order_by("path"))

    def test_funnel_has_the_eight_stages_in_order(self):
        assert [stage.slug for stage in self.stages()] == STAGE_SLUGS

    def test_every_stage_has_every_field_filled(self):
        for stage in self.stages():
            filled = {
                "summary": stage.summary,
                "crm_statuses": len(stage.crm_statuses),
                "tasks": len(stage.tasks),
                "recommended_days": stage.recommended_days,
                "rep_reminder": stage.rep_reminder,
                "manager_alert_after_days": stage.manager_alert_after_days,
                "manager_alert": stage.manager_alert,
                "next_stages": stage.next_stages.count(),
                "automations": len(stage.automations),
                "metrics": len(stage.metrics),
                "client_card_fields": len(stage.client_card_fields),
                "logging_rules": len(stage.logging_rules),
                "subtasks": len(stage.subtasks),
                "common_mistakes": len(stage.common_mistakes),
                "owner_roles": stage.owner_roles.count(),
                "acknowledgement_roles": stage.acknowledgement_roles.count(),
            }
            assert [name for name, value in filled.items() if not value] == [], stage.slug
            assert all(task.value["key_standards"] for task in stage.tasks), stage.slug
            assert {"paragraph", "dialogue"} <= {b.block_type for b in stage.examples}

    def test_some_tasks_link_to_a_norms_topic(self):
        linked = [
            task.value["norm"]
            for stage in self.stages()
            for task in stage.tasks
            if task.value["norm"] is not None
        ]
        assert len(linked) >= 8
        assert all(isinstance(page, NormsTopicPage) for page in linked)

    def test_next_stages_are_a_short_list_with_a_few_steps_back_or_sideways(self):
        stages = self.stages()
        position = {stage.pk: index for index, stage in enumerate(stages)}
        jumps = []
        for stage in stages:
            following = list(stage.next_stages.all())
            assert 1 <= len(following) <= 2, stage.slug
            assert stage not in following
            jumps += [position[nxt.pk] - position[stage.pk] for nxt in following]
        assert jumps.count(1) >= 6
        assert any(jump < 0 for jump in jumps)
        assert any(jump > 1 for jump in jumps)

    def test_at_least_three_stages_differ_for_smb_and_enterprise(self):
        differing = 0
        for stage in self.stages():
            days = {v.client_group.name: v.recommended_days for v in stage.variants.all()}
            if set(days) == {"SMB", "Enterprise"} and days["SMB"] != days["Enterprise"]:
                differing += 1
        assert differing >= 3
        assert StageVariant.objects.exclude(differences="").count() == StageVariant.objects.count()

    def test_norms_topics_have_four_to_six_rules_of_both_kinds(self):
        topics = NormsTopicPage.objects.all()
        assert 3 <= topics.count() <= 4
        for topic in topics:
            rules = list(topic.rules.all())
            assert 4 <= len(rules) <= 6, topic.slug
            assert all(r.rationale and r.good_example and r.bad_example for r in rules)
        kinds = set(NormRule.objects.values_list("kind", flat=True))
        assert kinds == {NormRule.Kind.ALWAYS, NormRule.Kind.NEVER}

    def test_knowledge_base_has_categorised_tagged_articles_with_bodies(self):
        articles = list(KnowledgeArticlePage.objects.all())
        assert len(articles) >= 14
        for article in articles:
            assert article.summary and article.category_id, article.slug
            assert article.tags.exists(), article.slug
            assert len(article.body) >= 3, article.slug
        used = set(KnowledgeCategory.objects.filter(articles__isnull=False).values_list("slug"))
        assert len(used) == 6

    def test_at_least_four_articles_are_in_russian(self):
        russian = [
            a for a in KnowledgeArticlePage.objects.all() if CYRILLIC.search(a.title + a.summary)
        ]
        assert len(russian) >= 4

    def test_russian_objections_article_holds_the_word_forms_search_relies_on(self):
        objections = KnowledgeArticlePage.objects.filter(category__slug="objections")
        [article] = [a for a in objections if CYRILLIC.search(a.title)]
        text = str(article.body.raw_data)
        assert "возражениями" in text
        assert "возражений" in text

    def test_articles_link_to_stages_and_to_each_other(self):
        links = [
            block.value["page"]
            for article in KnowledgeArticlePage.objects.all()
            for block in article.body
            if block.block_type == "standard_link"
        ]
        assert len(links) >= 10
        assert all(isinstance(page.specific, FunnelStagePage) for page in links)
        assert RelatedArticle.objects.count() >= 10

    def test_roles_keep_their_levels_and_every_level_has_kpis(self):
        counts = {role.slug: role.get_children().count() for role in RolePage.objects.all()}
        assert counts == {"sdr": 2, "ae": 3, "sales-manager": 2, "sales-ops": 1}
        for level in LevelPage.objects.all():
            assert level.expectations, level.slug
            assert 4 <= len(level.kpis) <= 6, level.slug
            assert {k.value["kind"] for k in level.kpis} <= {"result", "process", "efficiency"}
            assert all(k.value["target"] and k.value["how_measured"] for k in level.kpis)
            assert 0 < level.typical_months_min <= level.typical_months_max, level.slug

    def test_every_sales_map_page_has_an_owner_and_a_review(self):
        pages = sales_map_pages()
        assert len(pages) >= 40
        reviews = {r.page_id: r for r in PageReview.objects.all()}
        for page in pages:
            assert page.live, page.slug
            assert page.content_owner is not None, page.slug
            assert reviews[page.pk].owner_id == page.content_owner_id, page.slug
        owners = {page.content_owner.username for page in pages}
        assert owners == {"ops.lead", "ops.editor"}
        assert len({page.review_interval_days for page in pages}) >= 4

    def test_most_pages_are_verified_and_a_few_are_overdue(self):
        pages = sales_map_pages()
        verified = PageVerification.objects.values("page").distinct().count()
        assert verified >= len(pages) * 3 // 4
        overdue = {review.page.slug for review in selectors.overdue_reviews()}
        assert overdue == set(OVERDUE)
        trust = selectors.trust_score()
        assert trust["total"] == len(pages)
        assert 80 <= trust["percent"] < 100

    def test_reps_acknowledged_standards_and_sent_suggestions(self):
        reps = {"anna.sdr", "tom.sdr", "elena.sdr", "sam.ae"}
        acknowledged_by = set(Acknowledgement.objects.values_list("person__username", flat=True))
        assert acknowledged_by == reps
        suggestions = Suggestion.objects.all()
        assert suggestions.count() >= 3
        assert set(suggestions.values_list("author__username", flat=True)) <= reps
        answered = suggestions.exclude(reply="")
        assert answered.count() == 1
        assert answered.get().replied_by.username == "ops.lead"

    def test_every_demo_page_passes_the_editors_validation(self):
        for page in sales_map_pages():
            try:
                page.full_clean()
            except ValidationError as error:  # pragma: no cover - the message is the point
                pytest.fail(f"{page.slug}: {error}")
