"""Page-tree rules for the Sales Map home and the role/level pages."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from salesmap.home.models import SalesMapHomePage
from salesmap.progression.models import LevelPage, RolePage, RolesIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(SalesMapHomePage, {Page})

    def test_roles_index_lives_under_the_home(self):
        self.assertAllowedParentPageTypes(RolesIndexPage, {SalesMapHomePage})
        self.assertAllowedSubpageTypes(RolesIndexPage, {RolePage})

    def test_levels_live_under_roles_and_have_no_children(self):
        self.assertAllowedSubpageTypes(RolePage, {LevelPage})
        self.assertAllowedParentPageTypes(LevelPage, {RolePage})
        self.assertAllowedSubpageTypes(LevelPage, set())


class CreatablePagesTests(WagtailPageTestCase):
    def setUp(self):
        # force_login: the login throttle needs a request for a password login.
        self.admin = self.create_superuser(username="admin", password="x")
        self.client.force_login(self.admin)
        self.home = SalesMapHomePage.objects.get()
        self.review = {"content_owner": self.admin.pk, "review_interval_days": 90}

    def test_roles_index_and_role_and_level_are_creatable(self):
        self.assertCanCreate(
            self.home,
            RolesIndexPage,
            nested_form_data(
                {"title": "Roles", "slug": "roles", "intro": rich_text("<p>Hi</p>"), **self.review}
            ),
        )
        index = RolesIndexPage.objects.get()
        self.assertCanCreate(
            index,
            RolePage,
            nested_form_data(
                {"title": "SDR", "slug": "sdr", "short_name": "SDR", "summary": "x", **self.review}
            ),
        )
        role = RolePage.objects.get()
        self.assertEqual(role.content_owner, self.admin)
        self.assertCanCreate(
            role,
            LevelPage,
            nested_form_data(
                {
                    "title": "SDR I",
                    "slug": "sdr-1",
                    "short_name": "SDR I",
                    "summary": "y",
                    "kpis": streamfield(
                        [("kpi", {"kind": "process", "name": "First response", "target": "15 min"})]
                    ),
                    "typical_months_min": 3,
                    "typical_months_max": 6,
                    "requirements": inline_formset(
                        [
                            {
                                "kind": "sign_off",
                                "description": "Shadow five discovery calls",
                                "due_day": 30,
                                "required": "on",
                            },
                            {
                                "kind": "evaluations",
                                "evaluation_kind": "call",
                                "evaluations_needed": 3,
                                "min_percent": 70,
                                "due_day": 60,
                            },
                        ]
                    ),
                    **self.review,
                }
            ),
        )

        level = LevelPage.objects.get()
        self.assertEqual(level.kpis[0].value["name"], "First response")
        first, second = level.requirements.order_by("sort_order")
        self.assertEqual(
            (first.kind, first.title, first.required),
            ("sign_off", "Shadow five discovery calls", True),
        )
        self.assertEqual(
            (second.evaluations_needed, second.min_percent, second.required), (3, 70, False)
        )

    def test_a_second_home_cannot_be_created(self):
        root = Page.objects.get(depth=1)
        self.assertFalse(SalesMapHomePage.can_create_at(root))
        response = self.client.get(f"/admin/pages/add/home/salesmaphomepage/{root.pk}/")
        self.assertEqual(response.status_code, 302)  # refused back to the explorer
        self.assertEqual(SalesMapHomePage.objects.count(), 1)


@pytest.mark.django_db
def test_the_home_is_the_default_sites_root():
    from wagtail.models import Site

    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, SalesMapHomePage)


class RequirementFormTests(WagtailPageTestCase):
    """The level editor's plan rows say what is missing for their kind."""

    def setUp(self):
        from tests.factories import LevelPageFactory, RolePageFactory

        self.admin = self.create_superuser(username="admin", password="x")
        self.client.force_login(self.admin)
        self.level = LevelPageFactory(parent=RolePageFactory(), title="SDR I")

    def post(self, rows):
        from django.urls import reverse

        data = nested_form_data(
            {
                "title": "SDR I",
                "slug": self.level.slug,
                "short_name": "SDR I",
                "summary": "",
                "expectations": rich_text(""),
                "kpis": streamfield([]),
                "content_owner": self.admin.pk,
                "review_interval_days": 90,
                "requirements": inline_formset(rows),
            }
        )
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[self.level.pk]), data)

    def errors(self, response):
        formset = response.context["form"].formsets["requirements"]
        return [form.errors for form in formset.forms]

    def test_each_kind_names_what_it_is_missing(self):
        response = self.post(
            [
                {"kind": "lesson", "due_day": 10},
                {"kind": "evaluations", "due_day": 10},
                {"kind": "sign_off", "description": "  ", "due_day": 10},
                {"kind": "quiz", "due_day": 0},
            ]
        )
        self.assertEqual(response.status_code, 200)
        lesson, evaluations, sign_off, quiz = self.errors(response)
        self.assertIn("lesson", lesson)
        self.assertEqual(set(evaluations), {"evaluation_kind", "evaluations_needed", "min_percent"})
        self.assertIn("description", sign_off)
        self.assertIn("due_day", quiz)
        self.assertFalse(self.level.requirements.exists())
