"""Reads for practice evaluations. Each function states its query count;
none grows with the number of evaluations, scores or criteria."""

from django.db.models import Count, Prefetch

from .models import Evaluation, EvaluationScore, Scorecard, ScorecardCriterion

RECORDED_LIMIT = 50


def evaluations_of(person):
    """``person``'s evaluations, newest work first, without their scores.

    One query (names are snapshots on the evaluation: no joins needed)."""
    return Evaluation.objects.filter(person=person).order_by("-occurred_on", "-pk")


def evaluations_recorded_by(evaluator, *, limit=RECORDED_LIMIT):
    """The newest ``limit`` evaluations ``evaluator`` recorded of other people,
    with the person. One query."""
    return (
        Evaluation.objects.filter(evaluator=evaluator)
        .exclude(person=evaluator)
        .select_related("person")
        .order_by("-occurred_on", "-pk")[:limit]
    )


def evaluation_detail(evaluation_id):
    """The evaluation with its person and its scores in scorecard order.

    Two queries (the evaluation with its person; the scores). Raises
    ``Evaluation.DoesNotExist``."""
    return (
        Evaluation.objects.select_related("person")
        .prefetch_related(
            Prefetch("scores", queryset=EvaluationScore.objects.order_by("position", "pk"))
        )
        .get(pk=evaluation_id)
    )


def active_scorecards(kind=None):
    """Scorecards in use, ordered by kind and name, each with ``criteria_count``
    and its stage. One query."""
    scorecards = (
        Scorecard.objects.active()
        .select_related("stage")
        .annotate(criteria_count=Count("criteria"))
        .order_by("kind", "name")
    )
    if kind:
        scorecards = scorecards.filter(kind=kind)
    return scorecards


def active_scorecard_with_criteria(scorecard_id):
    """The scorecard in use with ``scorecard_id`` and its criteria in order
    (``scorecard.ordered_criteria``). Two queries. Raises ``Scorecard.DoesNotExist``."""
    return (
        Scorecard.objects.active()
        .select_related("stage")
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=ScorecardCriterion.objects.order_by("sort_order", "pk"),
                to_attr="ordered_criteria",
            )
        )
        .get(pk=scorecard_id)
    )


def evaluations_of_people(people):
    """{person_id: [Evaluation]} newest work first, for many people. One query."""
    result = {}
    for evaluation in Evaluation.objects.filter(person__in=people).order_by("-occurred_on", "-pk"):
        result.setdefault(evaluation.person_id, []).append(evaluation)
    return result
