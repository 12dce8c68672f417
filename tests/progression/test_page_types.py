"""Page-tree rules for the Sales Map home and the role/level pages."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

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
        self.client.force_login(self.create_superuser(username="admin", password="x"))
        self.home = SalesMapHomePage.objects.get()

    def test_roles_index_and_role_and_level_are_creatable(self):
        self.assertCanCreate(
            self.home,
            RolesIndexPage,
            nested_form_data({"title": "Roles", "slug": "roles", "intro": rich_text("<p>Hi</p>")}),
        )
        index = RolesIndexPage.objects.get()
        self.assertCanCreate(
            index,
            RolePage,
            nested_form_data({"title": "SDR", "slug": "sdr", "short_name": "SDR", "summary": "x"}),
        )
        role = RolePage.objects.get()
        self.assertCanCreate(
            role,
            LevelPage,
            nested_form_data(
                {"title": "SDR I", "slug": "sdr-1", "short_name": "SDR I", "summary": "y"}
            ),
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
