"""What readers do on a Sales Map page: verify (owners), suggest, see what changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standards import services
from standards.models import PageReview, PageVerification, Suggestion
from standards.models.suggestions import SUGGESTION_TEXT_MAX_LENGTH
from tests.factories import FunnelStageFactory, NewHireFactory, SalesOpsLeadFactory

pytestmark = pytest.mark.django_db


# --- Review and verification ---------------------------------------------------------


def test_publishing_a_page_starts_its_review_clock(sales_ops):
    stage = FunnelStageFactory(content_owner=sales_ops, review_interval_days=30)
    stage.save_revision().publish()
    review = PageReview.objects.get(page=stage)
    assert review.owner == sales_ops
    assert review.interval_days == 30
    expected = stage.first_published_at + datetime.timedelta(days=30)
    assert abs((review.due_at - expected).total_seconds()) < 1


def test_the_owner_verifies_with_one_click(client_for, sales_ops):
    stage = FunnelStageFactory(content_owner=sales_ops, review_interval_days=30)
    stage.save_revision().publish()
    stage.refresh_from_db()
    response = client_for(sales_ops).post(reverse("standards:verify", args=[stage.pk]))
    assert response.status_code == 302
    verification = PageVerification.objects.get(page=stage)
    assert verification.verified_by == sales_ops
    assert verification.revision_id == stage.live_revision_id
    review = PageReview.objects.get(page=stage)
    assert review.last_verified_by == sales_ops
    assert review.due_at > timezone.now() + datetime.timedelta(days=29)


def test_a_lead_may_verify_a_page_they_do_not_own(client_for, sales_ops):
    lead = SalesOpsLeadFactory(username="lead")
    stage = FunnelStageFactory(content_owner=sales_ops)
    response = client_for(lead).post(reverse("standards:verify", args=[stage.pk]))
    assert response.status_code == 302
    assert PageVerification.objects.filter(verified_by=lead).exists()


@pytest.mark.parametrize("who", ["hire", "manager", "other_ops"])
def test_people_who_neither_own_nor_publish_cannot_verify(client_for, users, sales_ops, who):
    from tests.factories import SalesOpsFactory

    stage = FunnelStageFactory(content_owner=sales_ops)
    person = SalesOpsFactory(username="other-ops") if who == "other_ops" else users[who]
    response = client_for(person).post(reverse("standards:verify", args=[stage.pk]))
    assert response.status_code == 403
    assert not PageVerification.objects.exists()


def test_verifying_needs_a_post(client_for, sales_ops):
    stage = FunnelStageFactory(content_owner=sales_ops)
    response = client_for(sales_ops).get(reverse("standards:verify", args=[stage.pk]))
    assert response.status_code == 405


def test_publishing_an_old_draft_keeps_the_verification(sales_ops):
    stage = FunnelStageFactory(content_owner=sales_ops, review_interval_days=30)
    old_draft = stage.save_revision()
    services.verify_page(page=stage, person=sales_ops)
    old_draft.publish()
    review = PageReview.objects.get(page=stage)
    assert review.last_verified_by == sales_ops
    assert review.due_at > timezone.now() + datetime.timedelta(days=29)


# --- Suggestions -------------------------------------------------------------------------


def test_a_rep_suggests_an_improvement(client_for, hire):
    stage = FunnelStageFactory()
    response = client_for(hire).post(
        reverse("standards:suggest", args=[stage.pk]),
        {"kind": "improvement", "text": "  Add the script for gatekeepers.  ", "link": ""},
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.author == hire
    assert suggestion.page_id == stage.pk
    assert suggestion.page_title == stage.title
    assert suggestion.text == "Add the script for gatekeepers."
    assert suggestion.status == Suggestion.Status.NEW


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "improvement", "text": "x" * (SUGGESTION_TEXT_MAX_LENGTH + 1)}, "text"),
        ({"kind": "improvement", "text": "   "}, "text"),
        ({"kind": "nonsense", "text": "A case"}, "kind"),
        ({"kind": "case", "text": "A case", "link": "javascript:alert(1)"}, "link"),
        ({"kind": "case", "text": "A case", "link": "https://x.test/" + "a" * 600}, "link"),
    ],
)
def test_bad_suggestions_are_form_errors(client_for, hire, data, field):
    stage = FunnelStageFactory()
    response = client_for(hire).post(reverse("standards:suggest", args=[stage.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Suggestion.objects.exists()


def test_a_huge_suggestion_body_is_refused_without_a_500(client_for, hire):
    stage = FunnelStageFactory()
    response = client_for(hire).post(
        reverse("standards:suggest", args=[stage.pk]),
        {"kind": "case", "text": "y" * 3_000_000},
    )
    assert response.status_code == 400
    assert not Suggestion.objects.exists()


def test_suggesting_on_an_unknown_page_is_a_404(client_for, hire):
    response = client_for(hire).post(
        reverse("standards:suggest", args=[424242]), {"kind": "case", "text": "x"}
    )
    assert response.status_code == 404


def test_my_suggestions_lists_only_mine_with_replies(client_for, hire, sales_ops):
    stage = FunnelStageFactory()
    mine = services.suggest(page=stage, author=hire, kind="case", text="My own case")
    services.suggest(page=stage, author=NewHireFactory(), kind="case", text="Someone else's")
    services.reply_to_suggestion(
        suggestion=mine, status="accepted", reply="Added to the script", by=sales_ops
    )
    response = client_for(hire).get(reverse("standards:my_suggestions"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "My own case" in content
    assert "Added to the script" in content
    assert "Someone else" not in content


def test_suggestions_survive_the_page_being_deleted(hire):
    stage = FunnelStageFactory(title="Gone stage")
    services.suggest(page=stage, author=hire, kind="case", text="A case")
    stage.delete()
    suggestion = Suggestion.objects.get()
    assert suggestion.page is None
    assert suggestion.page_title == "Gone stage"


# --- What changed --------------------------------------------------------------------


def test_the_changes_page_shows_the_note_and_the_diff(client_for, hire):
    stage = FunnelStageFactory(summary="Call back within an hour.")
    read = services.acknowledge(page=stage, person=hire)[0]
    stage.summary = "Call back within fifteen minutes."
    revision = stage.save_revision()
    services.record_change(
        page=stage,
        revision=revision,
        note="Faster call-back",
        requires_reacknowledgement=True,
        roles=[],
        author=None,
    )
    revision.publish()
    response = client_for(hire).get(
        reverse("standards:changes", args=[stage.pk]), {"since": read.revision_id}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Faster call-back" in content
    assert "fifteen" in content
    assert [c.field_label() for c in response.context["comparison"]] == ["Purpose"]


@pytest.mark.parametrize("since", ["", "abc", "-1", "1e9", "²", "9" * 40])
def test_changes_without_a_valid_revision_number_is_a_400(client_for, hire, since):
    stage = FunnelStageFactory()
    response = client_for(hire).get(reverse("standards:changes", args=[stage.pk]), {"since": since})
    assert response.status_code == 400


def test_changes_from_another_pages_revision_is_a_400(client_for, hire):
    stage, other = FunnelStageFactory(), FunnelStageFactory()
    response = client_for(hire).get(
        reverse("standards:changes", args=[stage.pk]), {"since": other.live_revision_id}
    )
    assert response.status_code == 400


def test_changes_since_a_purged_revision_still_show_the_notes(client_for, hire):
    from wagtail.models import Revision

    stage = FunnelStageFactory()
    read = services.acknowledge(page=stage, person=hire)[0]
    revision = stage.save_revision()
    services.record_change(
        page=stage,
        revision=revision,
        note="New escalation",
        requires_reacknowledgement=True,
        roles=[],
        author=None,
    )
    revision.publish()
    Revision.objects.filter(pk=read.revision_id).delete()  # as purge_revisions would
    response = client_for(hire).get(
        reverse("standards:changes", args=[stage.pk]), {"since": read.revision_id}
    )
    assert response.status_code == 200
    assert "New escalation" in response.content.decode()
    assert response.context["comparison"] == []
