"""Writes for practice evaluations. Who may evaluate whom is decided by the
views through ``salesmap.people.access``; these functions keep the data right."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MAX_RATING, Evaluation, EvaluationScore, overall_percent


class EvaluationError(ValueError):
    """An evaluation that cannot be recorded; the message says why, for the evaluator."""


def _checked_rating(criterion, rating):
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= MAX_RATING:
        raise EvaluationError(
            _("“%(criterion)s”: a rating goes from 0 to %(max)s.")
            % {"criterion": criterion.name, "max": MAX_RATING}
        )
    return rating


def _existing(submission_key, *, person, evaluator):
    """The evaluation already recorded with ``submission_key``, if any (one query).

    A key reused for another person or by another evaluator is refused rather
    than answered with someone else's evaluation."""
    existing = Evaluation.objects.filter(submission_key=submission_key).first()
    if existing is not None and (
        existing.person_id != person.pk or existing.evaluator_id != evaluator.pk
    ):
        raise EvaluationError(_("This form has already been used. Open the form again."))
    return existing


def record_evaluation(
    *,
    person,
    evaluator,
    scorecard,
    occurred_on,
    link="",
    comment="",
    ratings,
    submission_key=None,
    now=None,
):
    """Record ``evaluator``'s scoring of ``person``'s work against ``scorecard``.

    ``ratings`` is a list of ``(criterion, rating or None, note)``; None means
    not applicable and leaves the criterion out of the percent. The scorecard's
    name, kind and stage title and each criterion's name, weight and position
    are copied, so later edits to the scorecard (or its deletion) never change
    the evaluation. One transaction; the evaluation and all its scores, or nothing.

    Idempotent by ``submission_key``: a form sent twice (double click, retry,
    two racing requests) records one evaluation, and every call returns it.

    Raises ``EvaluationError`` when the person would evaluate themself, a
    criterion is not on the scorecard, a rating is out of range, the work is
    dated in the future, or nothing is applicable.
    """
    if submission_key is not None:
        existing = _existing(submission_key, person=person, evaluator=evaluator)
        if existing is not None:
            return existing
    if person.pk == evaluator.pk:
        raise EvaluationError(_("Nobody evaluates their own work."))
    today = timezone.localdate(now or timezone.now())
    if occurred_on > today:
        raise EvaluationError(_("The date of the work cannot be in the future."))

    rows = []
    for criterion, rating, note in ratings:
        if criterion.scorecard_id != scorecard.pk:
            raise EvaluationError(
                _("“%(criterion)s” is not a criterion of this scorecard.")
                % {"criterion": criterion.name}
            )
        rows.append((criterion, _checked_rating(criterion, rating), (note or "").strip()))
    percent = overall_percent([(criterion.weight, rating) for criterion, rating, _n in rows])
    if percent is None:
        raise EvaluationError(
            _("Rate at least one criterion: every criterion was marked not applicable.")
        )

    stage_title = scorecard.stage.title if scorecard.stage_id else ""
    try:
        # A savepoint: a racing twin with the same key fails here alone, and
        # the caller's transaction (if any) stays usable for the re-fetch.
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                person=person,
                evaluator=evaluator,
                evaluator_name=evaluator.get_full_name() or evaluator.get_username(),
                scorecard=scorecard,
                scorecard_name=scorecard.name,
                kind=scorecard.kind,
                stage_title=stage_title,
                occurred_on=occurred_on,
                link=link or "",
                comment=(comment or "").strip(),
                percent=percent,
                submission_key=submission_key,
            )
            EvaluationScore.objects.bulk_create(
                EvaluationScore(
                    evaluation=evaluation,
                    criterion=criterion,
                    position=position,
                    name=criterion.name,
                    weight=criterion.weight,
                    rating=rating,
                    note=note,
                )
                for position, (criterion, rating, note) in enumerate(rows, start=1)
            )
    except IntegrityError:
        if submission_key is None:
            raise
        existing = _existing(submission_key, person=person, evaluator=evaluator)
        if existing is None:
            raise
        return existing
    return evaluation
