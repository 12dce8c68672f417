"""Page-tree rules for the Sales Map home and the role/level pages."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

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
                    **self.review,
                }
            ),
        )

        level = LevelPage.objects.get()
        self.assertEqual(level.kpis[0].value["name"], "First response")

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
