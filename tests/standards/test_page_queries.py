"""Query budgets: the funnel overview and a stage page cost the same whatever the funnel's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from standards import services
from standards.models import ClientGroup, StageVariant
from tests.factories import FunnelStageFactory, NewHireFactory, funnel

pytestmark = pytest.mark.django_db

FUNNEL_BUDGET = 25
STAGE_BUDGET = 30


def build_funnel(size, reader):
    """``size`` stages, each allowing the next two, with variants, acknowledgements and notes."""
    stages = [FunnelStageFactory(title=f"Stage {i}") for i in range(size)]
    groups = [ClientGroup.objects.get_or_create(name=name)[0] for name in ("SMB", "Enterprise")]
    for index, stage in enumerate(stages):
        stage.next_stages.set(stages[index + 1 : index + 3])
        for group in groups:
            StageVariant.objects.create(page=stage, client_group=group, differences="<p>x</p>")
        revision = stage.save_revision()
        services.record_change(
            page=stage,
            revision=revision,
            note="Changed",
            requires_reacknowledgement=True,
            roles=[],
            author=None,
        )
        revision.publish()
        services.acknowledge(page=stage, person=reader)
    return stages


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def reader(client):
    person = NewHireFactory(username="reader")
    client.force_login(person)
    return person


def test_the_funnel_overview_costs_the_same_for_3_and_12_stages(client, reader):
    stages = build_funnel(3, reader)
    small = queries_for(client, funnel().url)
    build_funnel(9, reader)
    large = queries_for(client, funnel().url)
    assert small == large
    assert large <= FUNNEL_BUDGET
    assert stages[0].title in client.get(funnel().url).content.decode()


def test_a_stage_page_costs_the_same_in_a_small_and_a_large_funnel(client, reader):
    stages = build_funnel(3, reader)
    small = queries_for(client, stages[1].url)
    more = build_funnel(9, reader)
    # A stage with as many neighbours, variants and notes as before, in a bigger funnel.
    large = queries_for(client, more[4].url)
    assert small == large
    assert large <= STAGE_BUDGET
