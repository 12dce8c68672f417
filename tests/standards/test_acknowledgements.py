"""Acknowledgement and re-acknowledgement rules, through the services and the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from standards import selectors, services
from standards.models import Acknowledgement, PageChange
from tests.factories import (
    FunnelStageFactory,
    KnowledgeArticleFactory,
    NewHireFactory,
    NormsTopicFactory,
    RolePageFactory,
    SalesOpsLeadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sdr():
    return RolePageFactory(short_name="SDR", slug="sdr")


@pytest.fixture
def ae():
    return RolePageFactory(short_name="AE", slug="ae")


@pytest.fixture
def sdr_hire(sdr):
    return NewHireFactory(username="sdr-hire", role=sdr)


@pytest.fixture
def ae_hire(ae):
    return NewHireFactory(username="ae-hire", role=ae)


def publish_change(page, *, note="", reack=False, roles=(), author=None):
    """Publish a new revision of ``page`` carrying a change note, as the editor would."""
    revision = page.save_revision(user=author)
    services.record_change(
        page=page,
        revision=revision,
        note=note,
        requires_reacknowledgement=reack,
        roles=list(roles),
        author=author,
    )
    revision.publish()
    page.refresh_from_db()
    return revision


def state(person, page):
    return selectors.acknowledgement_state(person=person, page=page)


def test_acknowledging_records_the_live_revision(sdr_hire):
    stage = FunnelStageFactory()
    ack, created = services.acknowledge(page=stage, person=sdr_hire)
    assert created
    assert ack.revision_id == stage.live_revision_id
    assert ack.page_title == stage.title
    assert state(sdr_hire, stage).is_current


def test_a_second_click_does_not_record_a_second_acknowledgement(sdr_hire):
    stage = FunnelStageFactory()
    services.acknowledge(page=stage, person=sdr_hire)
    _ack, created = services.acknowledge(page=stage, person=sdr_hire)
    assert not created
    assert Acknowledgement.objects.count() == 1


def test_a_typo_fix_asks_nobody_to_reread(sdr_hire):
    stage = FunnelStageFactory()
    services.acknowledge(page=stage, person=sdr_hire)
    publish_change(stage, note="Fixed a typo")
    current = state(sdr_hire, stage)
    assert current.is_current
    assert [c.note for c in current.changes_since] == ["Fixed a typo"]


def test_a_change_requiring_reacknowledgement_with_no_roles_asks_everyone(sdr_hire, ae_hire):
    stage = FunnelStageFactory()
    for person in (sdr_hire, ae_hire):
        services.acknowledge(page=stage, person=person)
    publish_change(stage, note="New escalation rule", reack=True)
    assert state(sdr_hire, stage).needs_reacknowledgement
    assert state(ae_hire, stage).needs_reacknowledgement


def test_a_change_for_sdrs_leaves_account_executives_current(sdr, sdr_hire, ae_hire):
    stage = FunnelStageFactory()
    for person in (sdr_hire, ae_hire):
        services.acknowledge(page=stage, person=person)
    publish_change(stage, note="New qualification script", reack=True, roles=[sdr])
    assert state(sdr_hire, stage).needs_reacknowledgement
    assert state(ae_hire, stage).is_current


def test_reading_the_new_revision_makes_the_acknowledgement_count_again(sdr_hire):
    stage = FunnelStageFactory()
    services.acknowledge(page=stage, person=sdr_hire)
    publish_change(stage, note="New rule", reack=True)
    services.acknowledge(page=stage, person=sdr_hire)
    assert state(sdr_hire, stage).is_current
    assert Acknowledgement.objects.filter(person=sdr_hire).count() == 2


def test_a_change_saved_as_a_draft_resets_nothing_until_it_is_published(sdr_hire):
    stage = FunnelStageFactory()
    services.acknowledge(page=stage, person=sdr_hire)
    draft = stage.save_revision()
    services.record_change(
        page=stage,
        revision=draft,
        note="Not yet",
        requires_reacknowledgement=True,
        roles=[],
        author=None,
    )
    assert state(sdr_hire, stage).is_current
    # A later revision published includes the draft's change.
    stage.save_revision().publish()
    assert state(sdr_hire, stage).needs_reacknowledgement
    change = PageChange.objects.get()
    assert change.published_revision_id == Page.objects.get(pk=stage.pk).live_revision_id


def test_an_empty_note_without_reacknowledgement_is_not_recorded():
    stage = FunnelStageFactory()
    revision = stage.save_revision()
    assert (
        services.record_change(
            page=stage,
            revision=revision,
            note="",
            requires_reacknowledgement=False,
            roles=[],
            author=None,
        )
        is None
    )
    assert not PageChange.objects.exists()


def test_pages_ask_only_their_audience(sdr, sdr_hire, ae_hire):
    for_sdrs = FunnelStageFactory(title="For SDRs")
    for_sdrs.acknowledgement_roles.set([sdr])
    for_sdrs.save_revision().publish()
    for_everyone = NormsTopicFactory(title="For everyone")
    assert {p.title for p, _s in selectors.pending_acknowledgements(sdr_hire)} == {
        "For everyone",
        "For SDRs",
    }
    assert [p.title for p, _s in selectors.pending_acknowledgements(ae_hire)] == ["For everyone"]
    services.acknowledge(page=for_everyone, person=ae_hire)
    assert selectors.pending_acknowledgements(ae_hire) == []


def test_states_for_a_team_cost_a_fixed_number_of_queries(django_assert_max_num_queries, sdr):
    stages = [FunnelStageFactory() for _ in range(3)]
    people = [NewHireFactory(role=sdr) for _ in range(3)]
    for stage in stages:
        publish_change(stage, note="Change", reack=True, roles=[sdr])
        services.acknowledge(page=stage, person=people[0])
    more_people = people + [NewHireFactory(role=sdr) for _ in range(20)]
    # Content types are cached per process (warm in production); run alone,
    # this test would otherwise count the one-off lookup.
    selectors.acknowledgement_states(people=people[:1], page_ids=[s.pk for s in stages])
    with django_assert_max_num_queries(6):
        states = selectors.acknowledgement_states(
            people=more_people, page_ids=[s.pk for s in stages]
        )
    assert len(states) == len(more_people) * len(stages)
    assert states[(people[0].pk, stages[0].pk)].is_current


def test_acknowledgements_survive_the_page_being_deleted(sdr_hire):
    stage = FunnelStageFactory(title="Old stage")
    services.acknowledge(page=stage, person=sdr_hire)
    stage.delete()
    ack = Acknowledgement.objects.get(person=sdr_hire)
    assert ack.page is None
    assert ack.page_title == "Old stage"


def test_a_page_that_asks_for_no_acknowledgement_is_refused(sdr_hire):
    article = KnowledgeArticleFactory()
    with pytest.raises(services.NotAcknowledgeable):
        services.acknowledge(page=article, person=sdr_hire)


# --- Through the views ----------------------------------------------------------------


def test_the_acknowledge_button_records_and_returns_to_the_page(client_for, sdr_hire):
    stage = FunnelStageFactory()
    response = client_for(sdr_hire).post(reverse("standards:acknowledge", args=[stage.pk]))
    assert response.status_code == 302
    assert response["Location"] == stage.url
    assert Acknowledgement.objects.filter(person=sdr_hire, page=stage).exists()


def test_acknowledging_a_page_that_needs_none_is_a_400(client_for, sdr_hire):
    article = KnowledgeArticleFactory()
    response = client_for(sdr_hire).post(reverse("standards:acknowledge", args=[article.pk]))
    assert response.status_code == 400
    assert b"does not ask for an acknowledgement" in response.content
    assert not Acknowledgement.objects.exists()


def test_acknowledging_an_unknown_page_is_a_404(client_for, sdr_hire):
    response = client_for(sdr_hire).post(reverse("standards:acknowledge", args=[999999]))
    assert response.status_code == 404


def test_acknowledging_an_unpublished_page_is_a_404(client_for, sdr_hire):
    stage = FunnelStageFactory()
    stage.unpublish()
    response = client_for(sdr_hire).post(reverse("standards:acknowledge", args=[stage.pk]))
    assert response.status_code == 404


def test_acknowledging_by_get_changes_nothing(client_for, sdr_hire):
    stage = FunnelStageFactory()
    response = client_for(sdr_hire).get(reverse("standards:acknowledge", args=[stage.pk]))
    assert response.status_code == 405
    assert not Acknowledgement.objects.exists()


def test_an_off_site_next_is_ignored(client_for, sdr_hire):
    stage = FunnelStageFactory()
    response = client_for(sdr_hire).post(
        reverse("standards:acknowledge", args=[stage.pk]), {"next": "https://evil.test/"}
    )
    assert response["Location"] == stage.url


# --- Through the admin: the change note on the edit form ---------------------------------


def topic_form_data(topic, owner, roles=(), **extra):
    data = nested_form_data(
        {
            "title": topic.title,
            "slug": topic.slug,
            "intro": rich_text("<p>How we work with the CRM.</p>"),
            "rules": inline_formset(
                [
                    {
                        "kind": "always",
                        "rule": "Log every call",
                        "rationale": "Nobody can help with a deal they cannot see.",
                        "good_example": "",
                        "bad_example": "",
                    }
                ]
            ),
            "content_owner": owner.pk,
            "review_interval_days": 90,
            **extra,
        }
    )
    # A multiple choice posts one value per ticked box (nested_form_data would
    # turn a list into numbered keys).
    if roles:
        data["reacknowledgement_roles"] = [str(role.pk) for role in roles]
    return data


def test_a_lead_publishing_with_a_change_note_asks_the_named_roles_again(
    client_for, sdr, sdr_hire, ae_hire
):
    lead = SalesOpsLeadFactory(username="lead")
    topic = NormsTopicFactory()
    for person in (sdr_hire, ae_hire):
        services.acknowledge(page=topic, person=person)
    data = topic_form_data(
        topic,
        lead,
        change_note="Calls are now logged within the hour",
        requires_reacknowledgement="on",
        roles=[sdr],
        **{"action-publish": "action-publish"},
    )
    response = client_for(lead).post(f"/admin/pages/{topic.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    change = PageChange.objects.get()
    assert change.note == "Calls are now logged within the hour"
    assert list(change.roles.all()) == [Page.objects.get(pk=sdr.pk)]
    assert change.published_revision_id == Page.objects.get(pk=topic.pk).live_revision_id
    assert state(sdr_hire, topic).needs_reacknowledgement
    assert state(ae_hire, topic).is_current


def test_roles_without_the_reacknowledgement_tick_are_a_form_error(client_for, sdr):
    lead = SalesOpsLeadFactory(username="lead")
    topic = NormsTopicFactory()
    data = topic_form_data(topic, lead, roles=[sdr], **{"action-publish": "action-publish"})
    response = client_for(lead).post(f"/admin/pages/{topic.pk}/edit/", data)
    assert response.status_code == 200
    assert "reacknowledgement_roles" in response.context["form"].errors
    assert not PageChange.objects.exists()


def test_sales_ops_submit_to_the_workflow_and_the_change_applies_when_a_lead_approves(
    client_for, sales_ops, sdr_hire
):
    topic = NormsTopicFactory()
    services.acknowledge(page=topic, person=sdr_hire)
    data = topic_form_data(
        topic,
        sales_ops,
        change_note="A new rule on follow-ups",
        requires_reacknowledgement="on",
        **{"action-submit": "action-submit"},
    )
    response = client_for(sales_ops).post(f"/admin/pages/{topic.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert state(sdr_hire, topic).is_current  # not published yet

    workflow_state = WorkflowState.objects.get(base_content_type__model="page", object_id=topic.pk)
    task_state = workflow_state.current_task_state
    lead = SalesOpsLeadFactory(username="lead")
    response = client_for(lead).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[topic.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert PageChange.objects.get().published_at is not None
    assert state(sdr_hire, topic).needs_reacknowledgement


def test_sales_ops_cannot_publish_directly(client_for, sales_ops):
    topic = NormsTopicFactory()
    before = topic.live_revision_id
    data = topic_form_data(topic, sales_ops, **{"action-publish": "action-publish"})
    client_for(sales_ops).post(f"/admin/pages/{topic.pk}/edit/", data)
    topic.refresh_from_db()
    assert topic.live_revision_id == before


def test_an_out_of_range_page_id_is_a_404_not_a_database_error(client_for, sdr_hire):
    response = client_for(sdr_hire).post(f"/standards/pages/{'9' * 30}/acknowledge/")
    assert response.status_code == 404


def test_a_page_that_asks_for_no_acknowledgement_is_never_required(sdr_hire):
    article = KnowledgeArticleFactory()
    current = state(sdr_hire, article)
    assert not current.required
    assert not current.pending
