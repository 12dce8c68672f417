"""The access module: who may see whose data, over a three-level reporting tree."""

import pytest

from salesmap.people import access
from tests.factories import ManagerFactory, NewHireFactory, SalesOpsFactory, UserFactory


@pytest.fixture
def tree(db):
    """head -> (lead_a -> (a1, a2), lead_b -> (b1)); plus an outsider team."""
    head = ManagerFactory(username="head")
    lead_a = ManagerFactory(username="lead-a", manager=head)
    lead_b = ManagerFactory(username="lead-b", manager=head)
    a1 = NewHireFactory(username="a1", manager=lead_a)
    a2 = NewHireFactory(username="a2", manager=lead_a)
    b1 = NewHireFactory(username="b1", manager=lead_b)
    outsider_boss = ManagerFactory(username="outsider-boss")
    outsider = NewHireFactory(username="outsider", manager=outsider_boss)
    ops = SalesOpsFactory(username="ops")
    return {
        "head": head,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "a1": a1,
        "a2": a2,
        "b1": b1,
        "outsider_boss": outsider_boss,
        "outsider": outsider,
        "ops": ops,
    }


def usernames(queryset):
    return set(queryset.values_list("username", flat=True))


def test_top_manager_sees_whole_subtree_and_self(tree):
    assert usernames(access.visible_people(tree["head"])) == {
        "head",
        "lead-a",
        "lead-b",
        "a1",
        "a2",
        "b1",
    }


def test_middle_manager_sees_own_reports_only(tree):
    assert usernames(access.visible_people(tree["lead_a"])) == {"lead-a", "a1", "a2"}


def test_hire_sees_only_themself(tree):
    assert usernames(access.visible_people(tree["a1"])) == {"a1"}


def test_sales_ops_see_everyone(tree):
    assert usernames(access.visible_people(tree["ops"])) == {u.username for u in tree.values()}


def test_anonymous_sees_nobody(tree, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not access.visible_people(AnonymousUser()).exists()


def test_manager_cannot_see_another_teams_person(tree):
    assert not access.can_view_person(tree["lead_a"], tree["b1"])
    assert not access.can_view_person(tree["head"], tree["outsider"])


def test_manager_can_see_reports_of_reports(tree):
    assert access.can_view_person(tree["head"], tree["a2"])


def test_get_visible_person_or_404_hides_outsiders(tree):
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_visible_person_or_404(tree["lead_a"], tree["outsider"].pk)
    assert access.get_visible_person_or_404(tree["lead_a"], tree["a1"].pk) == tree["a1"]


def test_team_of_direct_and_subtree(tree):
    assert usernames(access.team_of(tree["head"])) == {"lead-a", "lead-b"}
    assert usernames(access.team_of(tree["head"], whole_subtree=True)) == {
        "lead-a",
        "lead-b",
        "a1",
        "a2",
        "b1",
    }


def test_managers_above_walks_the_chain(tree):
    assert access.managers_above(tree["a1"].pk) == {
        tree["a1"].pk,
        tree["lead_a"].pk,
        tree["head"].pk,
    }


def test_can_manage_person_is_for_managers_up_the_line_and_sales_ops(tree):
    assert access.can_manage_person(tree["lead_a"], tree["a1"])
    assert access.can_manage_person(tree["head"], tree["a1"])
    assert access.can_manage_person(tree["ops"], tree["a1"])
    assert not access.can_manage_person(tree["lead_b"], tree["a1"])
    assert not access.can_manage_person(tree["a1"], tree["a1"])
    assert not access.can_manage_person(tree["a2"], tree["a1"])


def test_visible_people_is_one_query_whatever_the_tree_size(tree, django_assert_num_queries):
    for n in range(30):
        NewHireFactory(username=f"extra{n}", manager=tree["a1"] if n % 2 else tree["lead_b"])
    with django_assert_num_queries(2):  # the group lookup, then one query with the CTE
        people = list(access.visible_people(tree["head"]))
    assert len(people) == 36


def test_a_reporting_loop_is_refused(tree):
    from django.core.exceptions import ValidationError

    head = tree["head"]
    head.manager = tree["a1"]
    with pytest.raises(ValidationError) as excinfo:
        head.full_clean()
    assert "manager" in excinfo.value.message_dict


def test_own_manager_is_refused_by_the_database(db):
    from django.db import IntegrityError, transaction

    person = UserFactory(username="solo")
    person.manager_id = person.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()
