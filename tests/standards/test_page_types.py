"""Page-tree rules and admin creation of the Sales Map page types (wagtail.test.utils)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from salesmap.home.models import SalesMapHomePage
from salesmap.knowledge.models import KnowledgeArticlePage, KnowledgeCategory, KnowledgeIndexPage
from salesmap.progression.models import RolesIndexPage
from standards.models import (
    ClientGroup,
    FunnelPage,
    FunnelStagePage,
    NormsIndexPage,
    NormsTopicPage,
)
from tests.factories import FunnelStageFactory, RolePageFactory, funnel


def list_block(values):
    """ListBlock form data for ``values`` (the format Wagtail's ListBlock posts)."""
    data = {"count": len(values)}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data


class PageTreeRulesTests(WagtailPageTestCase):
    def test_the_home_holds_the_five_sections(self):
        from lessons.models import LearningIndexPage

        self.assertAllowedSubpageTypes(
            SalesMapHomePage,
            {NormsIndexPage, KnowledgeIndexPage, FunnelPage, RolesIndexPage, LearningIndexPage},
        )

    def test_norms_topics_live_under_the_norms_page_only(self):
        self.assertAllowedParentPageTypes(NormsIndexPage, {SalesMapHomePage})
        self.assertAllowedSubpageTypes(NormsIndexPage, {NormsTopicPage})
        self.assertAllowedParentPageTypes(NormsTopicPage, {NormsIndexPage})
        self.assertAllowedSubpageTypes(NormsTopicPage, set())

    def test_stages_live_under_the_funnel_only(self):
        self.assertAllowedParentPageTypes(FunnelPage, {SalesMapHomePage})
        self.assertAllowedSubpageTypes(FunnelPage, {FunnelStagePage})
        self.assertAllowedParentPageTypes(FunnelStagePage, {FunnelPage})
        self.assertAllowedSubpageTypes(FunnelStagePage, set())

    def test_articles_live_under_the_knowledge_base_only(self):
        self.assertAllowedParentPageTypes(KnowledgeIndexPage, {SalesMapHomePage})
        self.assertAllowedSubpageTypes(KnowledgeIndexPage, {KnowledgeArticlePage})
        self.assertAllowedParentPageTypes(KnowledgeArticlePage, {KnowledgeIndexPage})
        self.assertAllowedSubpageTypes(KnowledgeArticlePage, set())

    def test_sections_are_singletons(self):
        home = SalesMapHomePage.objects.get()
        funnel()
        self.assertFalse(FunnelPage.can_create_at(home))
        self.assertTrue(NormsIndexPage.can_create_at(home))


class CreatableSalesMapPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.admin = self.create_superuser(username="admin", password="x")
        self.client.force_login(self.admin)
        self.home = SalesMapHomePage.objects.get()
        self.review = {"content_owner": self.admin.pk, "review_interval_days": 60}

    def test_norms_and_a_topic_with_rules_are_creatable(self):
        self.assertCanCreate(
            self.home,
            NormsIndexPage,
            nested_form_data({"title": "Norms", "slug": "norms", **self.review}),
        )
        norms = NormsIndexPage.objects.get()
        self.assertCanCreate(
            norms,
            NormsTopicPage,
            nested_form_data(
                {
                    "title": "Working with the CRM",
                    "slug": "crm",
                    "intro": rich_text("<p>The CRM is the single source of truth.</p>"),
                    "rules": inline_formset(
                        [
                            {
                                "kind": "never",
                                "rule": "Never keep a deal outside the CRM",
                                "rationale": "A deal nobody can see cannot be helped.",
                                "good_example": "Deal created during the first call.",
                                "bad_example": "Notes in a personal spreadsheet.",
                            }
                        ]
                    ),
                    **self.review,
                }
            ),
        )
        topic = NormsTopicPage.objects.get()
        self.assertEqual(topic.rules.get().kind, "never")

    def test_a_stage_with_every_part_of_its_standard_is_creatable(self):
        stage_funnel = funnel()
        proposal = FunnelStageFactory(parent=stage_funnel, title="Proposal")
        sdr = RolePageFactory(short_name="SDR")
        smb = ClientGroup.objects.create(name="SMB")
        data = nested_form_data(
            {
                "title": "Qualification",
                "slug": "qualification",
                "summary": "We decide whether the request is worth a discovery call.",
                "crm_statuses": streamfield(
                    [("status", {"name": "Qualifying", "meaning": "Fit being checked"})]
                ),
                "tasks": streamfield(
                    [
                        (
                            "task",
                            {
                                "task": "Score the lead",
                                "key_standards": list_block(["BANT in the card", "Within a day"]),
                                "norm": "",
                            },
                        )
                    ]
                ),
                "recommended_days": 3,
                "rep_reminder": "Finish the qualification or disqualify.",
                "manager_alert_after_days": 2,
                "manager_alert": "Review the lead with the rep.",
                "automations": streamfield(
                    [
                        (
                            "automation",
                            {"trigger": "No call in 1 h", "action": "Task", "recipient": "rep"},
                        )
                    ]
                ),
                "metrics": streamfield(
                    [("metric", {"name": "Qualified share", "unit": "percent", "target": "40%"})]
                ),
                "client_card_fields": streamfield(
                    [("field", {"name": "Budget", "required": "on", "note": ""})]
                ),
                "logging_rules": streamfield([("item", {"kind": "call", "rule": "Every call"})]),
                "subtasks": streamfield([("subtask", {"title": "Pre-sale", "description": ""})]),
                "examples": streamfield([("paragraph", rich_text("<p>A good first call.</p>"))]),
                "common_mistakes": streamfield(
                    [("mistake", {"mistake": "Pitching too early", "instead": "Ask first"})]
                ),
                "variants": inline_formset(
                    [
                        {
                            "client_group": smb.pk,
                            "recommended_days": 1,
                            "differences": rich_text("<p>One call is enough.</p>"),
                        }
                    ]
                ),
                **self.review,
            }
        )
        data["next_stages"] = [str(proposal.pk)]
        data["owner_roles"] = [str(sdr.pk)]
        self.assertCanCreate(stage_funnel, FunnelStagePage, data)
        stage = FunnelStagePage.objects.get(slug="qualification")
        self.assertEqual(list(stage.next_stages.all()), [proposal])
        self.assertEqual(stage.tasks[0].value["key_standards"][1], "Within a day")
        self.assertEqual(stage.variants.get().client_group, smb)
        self.assertEqual(stage.owner_roles.get().pk, sdr.pk)
        self.assertEqual(stage.content_owner, self.admin)

    def test_a_knowledge_article_with_a_dialogue_and_tags_is_creatable(self):
        self.assertCanCreate(
            self.home,
            KnowledgeIndexPage,
            nested_form_data({"title": "Knowledge", "slug": "knowledge", **self.review}),
        )
        index = KnowledgeIndexPage.objects.get()
        category = KnowledgeCategory.objects.create(name="Objections", slug="objections")
        stage = FunnelStageFactory()
        self.assertCanCreate(
            index,
            KnowledgeArticlePage,
            nested_form_data(
                {
                    "title": "It is too expensive",
                    "slug": "too-expensive",
                    "summary": "How to answer the price objection.",
                    "category": category.pk,
                    "tags": "price, objections",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Why they say it", "level": "h2"}),
                            (
                                "dialogue",
                                {
                                    "title": "",
                                    "lines": list_block(
                                        [
                                            {"speaker": "client", "text": "Too expensive."},
                                            {"speaker": "rep", "text": "Compared with what?"},
                                        ]
                                    ),
                                },
                            ),
                            ("standard_link", {"page": stage.pk, "note": "Where it happens"}),
                        ]
                    ),
                    "related_articles": inline_formset([]),
                    **self.review,
                }
            ),
        )
        article = KnowledgeArticlePage.objects.get()
        self.assertEqual(
            [block.block_type for block in article.body], ["heading", "dialogue", "standard_link"]
        )
        self.assertEqual(len(article.body[1].value["lines"]), 2)
        self.assertEqual(sorted(article.tags.names()), ["objections", "price"])


class StageFormRulesTests(WagtailPageTestCase):
    def setUp(self):
        self.admin = self.create_superuser(username="admin", password="x")
        self.client.force_login(self.admin)

    def post_stage(self, stage, **fields):
        data = nested_form_data(
            {
                "title": stage.title,
                "slug": stage.slug,
                "summary": stage.summary,
                "crm_statuses": streamfield([]),
                "tasks": streamfield([]),
                "automations": streamfield([]),
                "metrics": streamfield([]),
                "client_card_fields": streamfield([]),
                "logging_rules": streamfield([]),
                "subtasks": streamfield([]),
                "examples": streamfield([]),
                "common_mistakes": streamfield([]),
                "variants": inline_formset([]),
                "content_owner": self.admin.pk,
                "review_interval_days": 90,
                **{k: v for k, v in fields.items() if not isinstance(v, list)},
            }
        )
        data.update({k: v for k, v in fields.items() if isinstance(v, list)})
        return self.client.post(f"/admin/pages/{stage.pk}/edit/", data)

    def test_a_stage_cannot_be_its_own_next_stage(self):
        stage = FunnelStageFactory()
        response = self.post_stage(stage, next_stages=[str(stage.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertIn("next_stages", response.context["form"].errors)

    def test_a_next_stage_must_be_a_stage_of_the_same_funnel(self):
        stage = FunnelStageFactory()
        response = self.post_stage(stage, next_stages=[str(Page.objects.get(depth=1).pk)])
        self.assertEqual(response.status_code, 200)
        self.assertIn("next_stages", response.context["form"].errors)

    def test_a_manager_alert_needs_recommended_days(self):
        stage = FunnelStageFactory()
        response = self.post_stage(stage, recommended_days="", manager_alert_after_days=2)
        self.assertEqual(response.status_code, 200)
        self.assertIn("manager_alert_after_days", response.context["form"].errors)

    def test_the_owner_is_required_to_publish(self):
        stage = FunnelStageFactory()
        response = self.post_stage(stage, content_owner="", **{"action-publish": "publish"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("content_owner", response.context["form"].errors)
