"""Progress records besides learning: level history, practice evaluations,
sign-offs and acknowledgements, as the services would have stored them.

- Level history: a start at the person's first level on their start date,
  then a promotion to each later level (``tree.Member.earlier_levels``),
  decided by their manager.
- Evaluations: reps and first-line managers are scored every few weeks by
  their manager (now and then by their mentor) against a scorecard of the
  kinds their role is evaluated on; the percent is the practice app's own
  ``overall_percent`` of the criterion ratings copied onto each score.
- Sign-offs: most sign-off items of the current level that fell due.
- Acknowledgements: of the live revision of standards and norms pages,
  veterans most of them, recent hires those their plan asks for so far.
"""

import datetime
from collections import defaultdict

from salesmap.practice.models import (
    Evaluation,
    EvaluationKind,
    EvaluationScore,
    Scorecard,
    overall_percent,
)
from salesmap.progression.models import LevelChange, LevelRequirement, SignOff
from standards.models import Acknowledgement, FunnelStagePage, NormsTopicPage

from . import words

KINDS_OF_ROLE = {
    "sdr": [EvaluationKind.CALL, EvaluationKind.CALL, EvaluationKind.EMAIL],
    "ae": [EvaluationKind.MEETING, EvaluationKind.PRESENTATION, EvaluationKind.CALL],
    "sales-manager": [EvaluationKind.MEETING],
}
LINK = "https://crm.brightline.example/activities/{}"


def load_level_history(*, members, users, levels, bulk):
    rows = []
    for member, user in zip(members, users, strict=True):
        manager_id = users[member.manager].pk if member.manager is not None else None
        steps = [*member.earlier_levels, (member.level, member.level_since or member.start_date)]
        previous = None
        for slug, since in steps:
            level = levels[slug][1]
            promoted = previous is not None
            rows.append(
                LevelChange(
                    person_id=user.pk,
                    kind=LevelChange.Kind.PROMOTION if promoted else LevelChange.Kind.START,
                    from_level=previous,
                    from_title=previous.title if promoted else "",
                    to_level=level,
                    to_title=level.title,
                    effective_on=since,
                    note=words.PROMOTION_NOTES[len(rows) % len(words.PROMOTION_NOTES)]
                    if promoted
                    else "",
                    decided_by_id=manager_id,
                    recorded_at=bulk.moment(since, 11 if promoted else 9),
                )
            )
            previous = level
    bulk.create(LevelChange, rows)


def load_evaluations(*, members, users, today, days, rng, bulk):
    cards = defaultdict(list)
    for card in Scorecard.objects.active().select_related("stage").prefetch_related("criteria"):
        cards[card.kind].append(card)
    for kind in cards:
        cards[kind].sort(key=lambda card: card.pk)
    last_day = today - datetime.timedelta(days=1)
    window_start = today - datetime.timedelta(days=days)
    evaluations, scores = [], []
    for member, user in zip(members, users, strict=True):
        kinds = [k for k in KINDS_OF_ROLE.get(member.role, []) if cards.get(k)]
        if member.manager is None or not kinds:
            continue
        since = max(member.level_since or member.start_date, window_start)
        span = (last_day - since).days
        if span < 3:
            continue
        skill = rng.uniform(0.45, 0.95)
        for _ in range(int(span / rng.uniform(10, 25))):
            card = rng.choice(cards[rng.choice(kinds)])
            evaluator = member.manager
            if member.mentor is not None and rng.random() < 0.25:
                evaluator = member.mentor
            ratings = _ratings(card, skill, rng)
            evaluations.append(
                Evaluation(
                    person_id=user.pk,
                    evaluator_id=users[evaluator].pk,
                    evaluator_name=users[evaluator].get_full_name(),
                    scorecard=card,
                    scorecard_name=card.name,
                    kind=card.kind,
                    stage_title=card.stage.title if card.stage_id else "",
                    occurred_on=since + datetime.timedelta(days=rng.randint(0, span)),
                    link=LINK.format(rng.randint(100000, 999999)),
                    comment=rng.choice(words.EVALUATION_COMMENTS),
                    percent=overall_percent([(c.weight, r) for c, r in ratings]),
                )
            )
            scores.append(ratings)
    saved = bulk.create(Evaluation, evaluations)
    bulk.create(
        EvaluationScore,
        [
            EvaluationScore(
                evaluation_id=evaluation.pk,
                criterion=criterion,
                position=position,
                name=criterion.name,
                weight=criterion.weight,
                rating=rating,
            )
            for evaluation, ratings in zip(saved, scores, strict=True)
            for position, (criterion, rating) in enumerate(ratings, start=1)
        ],
    )
    # ``created_at`` is set on insert; the evaluations were entered on the day of the work.
    by_day = defaultdict(list)
    for evaluation in saved:
        by_day[evaluation.occurred_on].append(evaluation.pk)
    for day in sorted(by_day):
        Evaluation.objects.filter(pk__in=by_day[day]).update(created_at=bulk.moment(day, 18))


def _ratings(card, skill, rng):
    criteria = sorted(card.criteria.all(), key=lambda c: (c.sort_order, c.pk))
    ratings = []
    for criterion in criteria:
        if rng.random() < 0.05:
            ratings.append((criterion, None))
        else:
            ratings.append((criterion, max(0, min(4, round(rng.gauss(skill * 4, 0.8))))))
    if all(rating is None for _c, rating in ratings):
        ratings[0] = (criteria[0], 3)
    return ratings


def load_sign_offs(*, members, users, plans, today, rng, bulk):
    last_day = today - datetime.timedelta(days=1)
    rows = []
    for member, user in zip(members, users, strict=True):
        if member.manager is None:
            continue
        since = member.level_since or member.start_date
        for requirement in plans.get(user.level_id, []):
            if requirement.kind != LevelRequirement.Kind.SIGN_OFF:
                continue
            due = since + datetime.timedelta(days=requirement.due_day)
            if due > last_day or rng.random() < 0.3:
                continue
            day = max(since, due - datetime.timedelta(days=rng.randint(0, 5)))
            rows.append(
                SignOff(
                    person_id=user.pk,
                    requirement=requirement,
                    title=requirement.title[:255],
                    signed_by_id=users[member.manager].pk,
                    signed_at=bulk.moment(day, 16, rng.randint(0, 59)),
                )
            )
    bulk.create(SignOff, rows)


def load_acknowledgements(*, members, users, plans, today, days, rng, bulk):
    pages = sorted(
        [*FunnelStagePage.objects.live(), *NormsTopicPage.objects.live()], key=lambda p: p.pk
    )
    pages = [page for page in pages if page.live_revision_id]
    last_day = today - datetime.timedelta(days=1)
    window_start = today - datetime.timedelta(days=days)
    rows = []
    for member, user in zip(members, users, strict=True):
        first_day = max(member.start_date, window_start)
        if first_day > last_day:
            continue
        span = (last_day - first_day).days
        asked = {
            r.standard_id: r.due_day
            for r in plans.get(user.level_id, [])
            if r.kind == LevelRequirement.Kind.ACKNOWLEDGE
        }
        for page in pages:
            if member.recent:
                due = asked.get(page.pk)
                if due is None or due > span + 7 or rng.random() < 0.2:
                    continue
                offset = rng.randint(0, min(span, due))
            elif rng.random() < 0.9:
                offset = rng.randint(0, span)
            else:
                continue
            day = first_day + datetime.timedelta(days=offset)
            rows.append(
                Acknowledgement(
                    person_id=user.pk,
                    page_id=page.pk,
                    page_title=page.title,
                    revision_id=page.live_revision_id,
                    acknowledged_at=bulk.moment(day, 13, rng.randint(0, 59)),
                )
            )
    bulk.create(Acknowledgement, rows)
