"""The demo onboarding plans, scorecards and progress history that `manage.py load_demo` adds."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Revision

from lessons import services as lesson_services
from lessons.models import LessonPage
from quizzes.models import Quiz
from salesmap.demo.learning_history import _answers
from salesmap.demo.lessons_quizzes import LESSON_QUIZZES
from salesmap.demo.people import PEOPLE
from salesmap.demo.plans import PLANS
from salesmap.demo.quizzes import _take
from salesmap.demo.scorecards import QUALIFICATION_CALL
from salesmap.practice.models import Evaluation, EvaluationScore, Scorecard
from salesmap.practice.services import record_evaluation
from salesmap.progression import selectors
from salesmap.progression.models import LevelChange, LevelPage, LevelRequirement, SignOff, Waiver

Kind = LevelRequirement.Kind
KPIS = "kpis-and-your-numbers"


def run():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def person(username):
    return get_user_model().objects.select_related("role", "level").get(username=username)


def plan_of(username):
    return selectors.onboarding_map(person(username)).plan


class DemoPlansTests(TestCase):
    """What one demo load leaves on the progression side (loaded once for the class)."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run()

    def test_every_planned_level_has_its_requirements_in_its_live_revision(self):
        planned = LevelPage.objects.filter(slug__in=list(PLANS))
        assert planned.count() == len(PLANS)
        for level in planned:
            rows = list(level.requirements.order_by("sort_order"))
            assert 6 <= len(rows) <= 12, level.slug
            live = level.live_revision.as_object()
            assert [(r.pk, r.kind, r.due_day) for r in live.requirements.all()] == [
                (r.pk, r.kind, r.due_day) for r in rows
            ], level.slug
            assert not level.has_unpublished_changes, level.slug

    def test_plans_use_every_kind_optional_items_and_a_30_60_90_day_rhythm(self):
        rows = list(LevelRequirement.objects.select_related("quiz"))
        assert {row.kind for row in rows} == set(Kind.values)
        assert any(not row.required for row in rows)
        assert {30, 60, 90} <= {row.due_day for row in rows}
        assert max(row.due_day for row in rows) == 90
        stricter = [row for row in rows if row.kind == Kind.QUIZ and row.min_percent]
        assert stricter and all(row.min_percent > row.quiz.pass_mark for row in stricter)
        for row in rows:
            row.full_clean(exclude=["level", "sort_order"])
            assert row.title, row.pk

    def test_the_summary_line_counts_the_progression_records(self):
        requirements = LevelRequirement.objects.count()
        evaluations = Evaluation.objects.count()
        assert (
            f"Progression: {requirements} requirements on {len(PLANS)} levels, "
            f"{Scorecard.objects.count()} scorecards, {evaluations} evaluations "
            f"({evaluations} new), {LevelChange.objects.count()} level changes."
        ) in self.output

    def test_scorecards_cover_calls_emails_presentations_and_meetings(self):
        cards = {card.name: card for card in Scorecard.objects.prefetch_related("criteria")}
        expected = {
            "Discovery call": "call",
            "Cold call / first touch": "call",
            "Follow-up email": "email",
            "Product demo": "presentation",
            "Proposal meeting": "meeting",
        }
        assert {name: cards[name].kind for name in expected} == expected
        assert cards["Discovery call"].stage.slug == "needs-discovery"
        for card in cards.values():
            criteria = list(card.criteria.all())
            assert 4 <= len(criteria) <= 7, card.name
            assert len({c.weight for c in criteria}) >= 2, card.name
            assert all(c.guide and 1 <= c.weight <= 10 for c in criteria), card.name
            assert sum(1 for c in criteria if c.standard_id) > len(criteria) // 2, card.name

    def test_everyone_started_at_a_level_and_elena_was_promoted_by_her_manager(self):
        starts = LevelChange.objects.filter(kind=LevelChange.Kind.START)
        assert set(starts.values_list("person__username", flat=True)) == {r[0] for r in PEOPLE}
        history = selectors.history_of(person("elena.sdr"))
        assert [(c.kind, c.from_title, c.to_title) for c in history] == [
            ("promotion", "SDR I", "SDR II"),
            ("start", "", "SDR I"),
        ]
        today = timezone.localdate()
        assert (today - history[1].effective_on).days == 75
        assert 25 <= (today - history[0].effective_on).days <= 35
        assert history[0].decided_by.username == "maria.manager" and history[0].note
        sam = selectors.history_of(person("sam.ae"))
        assert [(c.kind, c.to_level.slug) for c in sam] == [("start", "ae-1")]

    def test_evaluations_tell_each_persons_story(self):
        def percents(username):
            rows = Evaluation.objects.filter(person__username=username).order_by("occurred_on")
            return [(row.kind, round(row.percent)) for row in rows]

        assert percents("anna.sdr") == [("call", 58), ("call", 72)]
        [(kind, percent)] = percents("tom.sdr")
        assert kind == "call" and percent < 50
        assert {kind for kind, _p in percents("sam.ae")} == {"presentation", "meeting"}
        assert set(
            Evaluation.objects.filter(person__username="sam.ae").values_list(
                "evaluator__username", flat=True
            )
        ) == {"daniel.manager"}
        assert percents("pavel.sdr") == []
        assert all(len(e.comment) > 80 for e in Evaluation.objects.all())

    def test_anna_has_a_sign_off_and_a_waiver_with_a_reason(self):
        waiver = Waiver.objects.get(person__username="anna.sdr")
        assert "CRM" in waiver.title and "same CRM" in waiver.reason
        assert waiver.waived_by.username == "maria.manager"
        assert SignOff.objects.filter(person__username="anna.sdr").exclude(comment="").exists()
        states = {item.state for item in plan_of("anna.sdr").items}
        assert {selectors.IN_PROGRESS, selectors.DONE, selectors.WAIVED} <= states

    def test_tom_is_behind_with_overdue_items_and_pavel_has_barely_started(self):
        tom = plan_of("tom.sdr")
        assert tom.behind_plan and len(tom.overdue) >= 2
        pavel = plan_of("pavel.sdr")
        states = [item.state for item in pavel.items]
        assert states.count(selectors.NOT_STARTED) >= len(states) - 2
        assert selectors.OVERDUE not in states

    def test_elena_has_three_items_left_the_kpis_lesson_first(self):
        plan = plan_of("elena.sdr")
        assert plan.level.slug == "sdr-2"
        left = [item for item in plan.items if not item.satisfied]
        assert [(item.requirement.kind, item.state) for item in left] == [
            (Kind.LESSON, selectors.IN_PROGRESS),
            (Kind.QUIZ, selectors.NOT_STARTED),
            (Kind.EVALUATIONS, selectors.IN_PROGRESS),
        ]
        lesson, quiz, calls = left
        assert all(item.requirement.required for item in left)
        assert lesson.requirement.lesson.slug == KPIS
        assert quiz.requirement.quiz.slug == f"lesson-{KPIS}"
        assert calls.requirement.evaluation_kind == "call"
        assert (calls.count, calls.of, calls.needed) == (1, 2, 80)
        assert plan.next_up is lesson
        assert not plan.ready

    def test_elena_is_ready_after_the_lesson_its_quiz_and_one_more_good_call(self):
        elena = person("elena.sdr")
        kpis = LessonPage.objects.get(slug=KPIS)
        now = timezone.now()
        # The quiz, all answers right (the KPIs lesson completes by reading, not by the quiz).
        quiz = Quiz.objects.get(slug=f"lesson-{KPIS}")
        answers = _answers(LESSON_QUIZZES[KPIS]["questions"], 0)
        _take(quiz, elena, 0, answers, start=now - datetime.timedelta(hours=1))
        left = [item for item in plan_of("elena.sdr").items if not item.satisfied]
        assert [(item.requirement.kind, item.state) for item in left] == [
            (Kind.LESSON, selectors.IN_PROGRESS),
            (Kind.EVALUATIONS, selectors.IN_PROGRESS),
        ]
        # One short visit: she stopped a few seconds short of the lesson's read share.
        lesson_services.record_open(person=elena, lesson=kpis, now=now)
        lesson_services.credit_heartbeat(
            person=elena, lesson=kpis, claimed_seconds=15, now=now + datetime.timedelta(seconds=15)
        )
        assert not plan_of("elena.sdr").ready
        # Maria scores one more call at the SDR II bar.
        scorecard = Scorecard.objects.get(name=QUALIFICATION_CALL)
        record_evaluation(
            person=elena,
            evaluator=person("maria.manager"),
            scorecard=scorecard,
            occurred_on=timezone.localdate(),
            link="",
            comment="Ready.",
            ratings=[(criterion, 4, "") for criterion in scorecard.criteria.all()],
        )
        plan = plan_of("elena.sdr")
        assert [item.state for item in plan.items if not item.satisfied] == []
        assert plan.ready and plan.next_up is None

    def test_the_map_costs_the_same_queries_for_plans_of_different_sizes(self):
        counts = {}
        selectors.onboarding_map(person("sam.ae"))  # warms the content type cache
        for username in ("tom.sdr", "daniel.manager"):
            someone = person(username)
            with CaptureQueriesContext(connection) as captured:
                plan = selectors.onboarding_map(someone).plan
            counts[username] = (len(captured), len(plan.items))
        (tom_queries, tom_items), (daniel_queries, daniel_items) = counts.values()
        assert tom_items != daniel_items
        assert tom_queries == daniel_queries, counts

    def test_a_second_load_adds_nothing(self):
        models = (
            LevelRequirement,
            Revision,
            Scorecard,
            Evaluation,
            EvaluationScore,
            LevelChange,
            SignOff,
            Waiver,
        )
        before = [model.objects.count() for model in models]
        output = run()
        assert [model.objects.count() for model in models] == before
        assert f"{Evaluation.objects.count()} evaluations (0 new)" in output
