"""`manage.py load_scale`: a department at scale, on top of the demo, deterministic."""

import hashlib
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from lessons.models import LearningDay, LessonPage, LessonProgress
from quizzes import scoring
from quizzes.models import Attempt, Quiz
from salesmap.demo.people import DEMO_PASSWORD
from salesmap.demo.scale.quizbank import SLUG_PREFIX
from salesmap.demo.scale.tree import layer_sizes
from salesmap.people import access
from salesmap.practice.models import Evaluation
from salesmap.progression.models import LevelChange, LevelRequirement
from standards.models import Acknowledgement

SIZE = {"people": 40, "lessons": 8, "quizzes": 4, "days": 20}
TODAY = "2026-03-16"


def run(**options):
    out = StringIO()
    arguments = {**SIZE, "today": TODAY, "seed": 7, **options}
    call_command("load_scale", *[f"--{k}={v}" for k, v in arguments.items()], stdout=out)
    return out.getvalue()


def scale_people():
    return get_user_model().objects.filter(username__startswith="scale.")


def fingerprint():
    """A hash over the scale rows in a fixed order, by natural keys (no ids)."""
    User = get_user_model()
    names = dict(User.objects.values_list("pk", "username"))
    people = scale_people()
    rows = [
        (p.username, p.first_name, p.last_name, names.get(p.manager_id), names.get(p.mentor_id),
         p.role.slug, p.level.slug, p.start_date)
        for p in people.select_related("role", "level").order_by("username")
    ]  # fmt: skip
    rows += list(
        LessonPage.objects.filter(slug__startswith="scale-")
        .order_by("path")
        .values_list("slug", "title", "estimated_minutes", "completion_rule", "quiz__slug")
    )
    rows += list(
        LessonProgress.objects.filter(person__in=people)
        .order_by("person__username", "lesson__slug")
        .values_list(
            "person__username", "lesson__slug", "active_seconds", "visits", "first_opened_at",
            "last_active_at", "completed_at",
        )
    )  # fmt: skip
    rows += list(
        LearningDay.objects.filter(person__in=people)
        .order_by("person__username", "day", "seconds")
        .values_list("person__username", "day", "seconds")
    )
    for attempt in (
        Attempt.objects.filter(person__in=people)
        .select_related("person", "quiz")
        .prefetch_related("answers")
        .order_by("person__username", "quiz__slug", "number")
    ):
        rows.append(
            (attempt.person.username, attempt.quiz.slug, attempt.number, attempt.state,
             attempt.score, attempt.percent, attempt.started_at, attempt.graded_at)
        )  # fmt: skip
        for answer in attempt.answers.all():
            texts = {choice["id"]: choice["text"] for choice in answer.choices}
            response = dict(answer.response or {})
            if "choices" in response:
                response["choices"] = [texts[pk] for pk in response["choices"]]
            rows.append(
                (answer.position, answer.text, sorted(response.items()), answer.answered_at)
            )
    rows += list(
        Evaluation.objects.filter(person__in=people)
        .order_by("person__username", "occurred_on", "scorecard_name", "percent")
        .values_list("person__username", "evaluator__username", "scorecard_name", "occurred_on",
                     "percent")
    )  # fmt: skip
    rows += list(
        Acknowledgement.objects.filter(person__in=people)
        .order_by("person__username", "page_title")
        .values_list("person__username", "page_title", "acknowledged_at")
    )
    rows += list(
        LevelChange.objects.filter(person__in=people)
        .order_by("person__username", "effective_on", "kind")
        .values_list("person__username", "kind", "to_title", "effective_on")
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


class Rollback(Exception):
    pass


def fingerprint_of_a_load(**options):
    """Load into the empty test database, fingerprint, and roll the load back."""
    result = None
    try:
        with transaction.atomic():
            run(**options)
            result = fingerprint()
            raise Rollback
    except Rollback:
        pass
    return result


@pytest.mark.django_db
def test_same_seed_and_day_give_the_same_data():
    small = {"people": 40, "lessons": 6, "quizzes": 2, "days": 10}
    first = fingerprint_of_a_load(**small)
    assert not scale_people().exists()  # rolled back: the next load starts fresh
    assert fingerprint_of_a_load(**small) == first


def test_another_seed_gives_another_department():
    import datetime
    import random

    from salesmap.demo.scale.tree import plan_department

    today = datetime.date.fromisoformat(TODAY)

    def plan(seed):
        return plan_department(500, 120, today, random.Random(seed))  # noqa: S311

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"people": 19}, "--people must be between"),
        ({"people": 20001}, "--people must be between"),
        ({"lessons": 0}, "--lessons must be between"),
        ({"quizzes": -1}, "--quizzes must be between"),
        ({"days": 0}, "--days must be between"),
        ({"today": "yesterday"}, "--today must be a date"),
    ],
)
@pytest.mark.django_db
def test_bad_arguments_are_refused_with_a_message(options, message):
    with pytest.raises(CommandError, match=message):
        run(**options)
    assert not scale_people().exists()


def test_every_head_count_from_the_minimum_gets_a_tree_or_a_few_more_sales_ops():
    from salesmap.demo.scale.tree import MIN_PEOPLE

    for people in range(MIN_PEOPLE, 2500):
        sizes = next(filter(None, (layer_sizes(people - ops) for ops in range(1, 8))), None)
        assert sizes is not None, people


@pytest.mark.django_db(transaction=False)
class TestLoadedScale:
    """One load at the small test size, shared by the class."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def loaded(cls, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            cls.output = run()
            yield
            transaction.set_rollback(True)

    def test_counts_match_the_arguments(self):
        assert scale_people().count() == SIZE["people"]
        assert LessonPage.objects.live().filter(slug__startswith="scale-").count() == 8
        quizzes = Quiz.objects.filter(slug__startswith=SLUG_PREFIX, live=True)
        assert quizzes.count() == 4
        for quiz in quizzes:
            assert 10 <= quiz.quiz_questions.count() <= 30
        for label in ("people.User", "lessons.LearningDay", "quizzes.Answer"):
            assert label in self.output

    def test_every_manager_has_5_to_12_reports_and_the_tree_has_no_cycle(self):
        people = {p.pk: p for p in scale_people()}
        reports = Counter(p.manager_id for p in people.values() if p.manager_id)
        assert all(5 <= count <= 12 for count in reports.values())
        manager = next(p for p in people.values() if p.username == "scale.manager")
        assert reports[manager.pk] == 12
        head = next(p for p in people.values() if p.username == "scale.head")
        assert head.manager_id is None
        depths = set()
        for person in people.values():
            chain, current = set(), person
            while current.manager_id is not None:
                assert current.pk not in chain
                chain.add(current.pk)
                current = people[current.manager_id]
            if person.groups.filter(name="Sales Ops").exists():
                assert current == person
                continue
            assert current == head
            depths.add(len(chain))
        assert max(depths) == 2  # head -> managers -> reps at 40 people

    def test_the_fixed_logins_exist_and_sign_in(self, client):
        for username in ("scale.ops", "scale.head", "scale.manager", "scale.hire"):
            client.logout()
            response = client.post(
                "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
            )
            assert response.status_code == 302, username
        User = get_user_model()
        ops, hire = User.objects.get(username="scale.ops"), User.objects.get(username="scale.hire")
        assert access.is_sales_ops(ops)
        assert hire.manager.username == "scale.manager" and hire.role.slug == "sdr"
        assert "scale.manager" in self.output

    def test_the_hire_is_mid_onboarding(self):
        hire = get_user_model().objects.get(username="scale.hire")
        progress = list(LessonProgress.objects.filter(person=hire).select_related("lesson"))
        assert sum(p.completed_at is not None for p in progress) >= 2
        assert any(p.completed_at is None for p in progress)
        graded = Attempt.objects.filter(person=hire, state=Attempt.State.GRADED)
        assert graded.exists()
        read_not_taken = [
            p for p in progress
            if p.lesson.quiz_id and p.active_seconds >= p.lesson.required_read_seconds
            and not Attempt.objects.filter(person=hire, quiz_id=p.lesson.quiz_id).exists()
        ]  # fmt: skip
        assert read_not_taken
        assert LevelRequirement.objects.filter(level=hire.level).count() >= 15

    def test_learning_days_add_up_to_the_progress_seconds(self):
        days = defaultdict(int)
        for person, lesson, seconds in LearningDay.objects.filter(
            person__in=scale_people()
        ).values_list("person_id", "lesson_ref", "seconds"):
            days[(person, lesson)] += seconds
        progress = {
            (p.person_id, p.lesson_ref): p.active_seconds
            for p in LessonProgress.objects.filter(person__in=scale_people())
        }
        assert progress and days == progress

    def test_completed_lessons_have_their_rule_met_and_a_date(self):
        for p in LessonProgress.objects.filter(person__in=scale_people()).select_related("lesson"):
            lesson = p.lesson
            if p.completed_at is None:
                continue
            assert p.first_opened_at <= p.completed_at <= p.last_active_at or (
                lesson.completion_rule == LessonPage.CompletionRule.READ_AND_PASSED
            )
            if lesson.completion_rule != LessonPage.CompletionRule.OPENED:
                assert p.active_seconds >= lesson.required_read_seconds
            if lesson.completion_rule == LessonPage.CompletionRule.READ_AND_PASSED:
                assert Attempt.objects.filter(
                    person=p.person, quiz=lesson.quiz, passed=True, graded_at=p.completed_at
                ).exists()

    def test_attempt_scores_agree_with_their_answers(self):
        attempts = Attempt.objects.filter(person__in=scale_people()).prefetch_related("answers")
        assert attempts.exists()
        for attempt in attempts:
            answers = list(attempt.answers.all())
            assert len(answers) == attempt.question_count
            for answer in answers:
                if answer.marked_at is None:
                    assert (answer.points_awarded, answer.is_correct) == scoring.score(
                        answer.snapshot, answer.response
                    )
            total = sum(a.points_awarded for a in answers if a.points_awarded is not None)
            assert attempt.score == total
            assert attempt.max_score == sum(a.points for a in answers)
            if attempt.state == Attempt.State.GRADED:
                assert attempt.passed == scoring.has_passed(
                    total, attempt.max_score, attempt.pass_mark
                )
            else:
                assert attempt.state == Attempt.State.NEEDS_MARKING and attempt.passed is None

    def test_no_activity_before_a_start_or_after_today(self):
        import datetime

        today = datetime.date.fromisoformat(TODAY)
        for person in scale_people():
            start = person.start_date
            for day in LearningDay.objects.filter(person=person).values_list("day", flat=True):
                assert start <= day < today
            for p in LessonProgress.objects.filter(person=person):
                assert start <= p.first_opened_at.date() and p.last_active_at.date() < today
            for a in Attempt.objects.filter(person=person):
                assert start <= a.started_at.date() and a.submitted_at.date() < today
            for e in Evaluation.objects.filter(person=person):
                assert start <= e.occurred_on < today
            for a in Acknowledgement.objects.filter(person=person):
                assert start <= a.acknowledged_at.date() < today
        assert (
            LevelChange.objects.filter(person__in=scale_people(), kind="promotion").exists()
            or Evaluation.objects.filter(person__in=scale_people()).exists()
        )

    def test_the_benchmarked_pages_answer_200(self, client):
        User = get_user_model()
        users = {u.username: u for u in scale_people()}
        hire = users["scale.hire"]
        lesson = LessonProgress.objects.filter(person=hire).first().lesson
        checks = [
            ("scale.manager", "/team/"),
            ("scale.ops", "/team/"),
            ("scale.ops", "/team/?scope=subtree"),
            ("scale.head", "/team/?scope=subtree"),
            ("scale.manager", reverse("review_brief", args=[hire.pk])),
            ("scale.hire", reverse("my_onboarding")),
            ("scale.hire", lesson.url),
        ]
        for username, url in checks:
            client.force_login(User.objects.get(pk=users[username].pk))
            response = client.get(url)
            assert response.status_code == 200, (username, url)

    def test_a_second_run_is_refused(self):
        with pytest.raises(CommandError, match="fresh database"):
            run()
        assert scale_people().count() == SIZE["people"]
