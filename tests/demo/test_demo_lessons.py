"""The demo learning section and learning history that `manage.py load_demo` adds."""

import re
from io import StringIO

from django.core.management import call_command
from django.db.models import Max, Sum
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page, Revision

from lessons.models import CoursePage, LearningDay, LearningIndexPage, LessonPage, LessonProgress
from lessons.services import rule_met
from quizzes.models import Attempt, Question, Quiz

CYRILLIC = re.compile("[А-Яа-яЁё]")
LESSON_BLOCKS = {"heading", "paragraph", "callout", "key_takeaways", "checklist", "page_link"}


def run():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def progress_of(username):
    return LessonProgress.objects.filter(person__username=username).select_related(
        "lesson", "lesson__quiz"
    )


def lesson_attempts(username, slug=None):
    attempts = Attempt.objects.filter(
        person__username=username, quiz__slug__startswith="lesson-"
    ).order_by("started_at")
    return attempts.filter(quiz__slug=f"lesson-{slug}") if slug else attempts


class DemoLessonsTests(TestCase):
    """What one demo load leaves in the learning section (loaded once for the class)."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run()
        cls.today = timezone.localdate()

    def courses(self):
        index = LearningIndexPage.objects.get(slug="learning")
        return {course.slug: course for course in CoursePage.objects.child_of(index).live()}

    def test_two_onboarding_courses_for_sdrs_and_aes(self):
        courses = self.courses()
        assert set(courses) == {"sdr-onboarding", "ae-onboarding"}
        audiences = {slug: [r.slug for r in c.audience_roles.all()] for slug, c in courses.items()}
        assert audiences == {"sdr-onboarding": ["sdr"], "ae-onboarding": ["ae"]}
        assert LessonPage.objects.child_of(courses["sdr-onboarding"]).count() >= 6
        assert LessonPage.objects.child_of(courses["ae-onboarding"]).count() >= 5
        assert "Learning: 2 courses, 12 lessons, 12 lesson quizzes" in self.output

    def test_every_lesson_is_live_with_a_live_quiz_and_a_full_body(self):
        lessons = list(LessonPage.objects.select_related("quiz"))
        assert len(lessons) >= 12
        for lesson in lessons:
            assert lesson.live and lesson.live_revision_id and lesson.content_owner, lesson.slug
            assert 5 <= lesson.estimated_minutes <= 20, lesson.slug
            quiz = lesson.quiz
            assert quiz.slug == f"lesson-{lesson.slug}" and quiz.live, lesson.slug
            assert (70 <= quiz.pass_mark <= 80, quiz.max_attempts) == (True, 3), lesson.slug
            questions = [use.question for use in quiz.quiz_questions.select_related("question")]
            assert 3 <= len(questions) <= 5, lesson.slug
            assert len({q.kind for q in questions}) >= 3, lesson.slug
            assert all(q.explanation for q in questions), lesson.slug
            assert Question.Kind.ESSAY not in {q.kind for q in questions}  # nothing to mark
            types = [block.block_type for block in lesson.body]
            assert set(types) >= LESSON_BLOCKS and "video" not in types, lesson.slug
            [link] = [
                block.value["page"] for block in lesson.body if block.block_type == "page_link"
            ]
            assert link.live, lesson.slug

    def test_completion_rules_are_mixed(self):
        rules = list(LessonPage.objects.values_list("completion_rule", flat=True))
        Rule = LessonPage.CompletionRule
        assert rules.count(Rule.OPENED) == 1
        assert rules.count(Rule.READ) >= 2
        assert rules.count(Rule.READ_AND_PASSED) > len(rules) // 2

    def test_two_lessons_and_their_quizzes_are_in_russian(self):
        russian = [p for p in LessonPage.objects.all() if CYRILLIC.search(p.title + p.summary)]
        assert len(russian) == 2
        assert "Работа с возражениями" in [lesson.title for lesson in russian]
        assert all(CYRILLIC.search(lesson.quiz.title) for lesson in russian)
        calling = LessonPage.objects.filter(
            slug__in=["obrabotka-vozrazheniy", "cold-calling-and-first-touch"]
        )
        assert all("dialogue" in [b.block_type for b in lesson.body] for lesson in calling)

    def test_progress_time_is_the_sum_of_its_learning_days(self):
        days = {
            (row["person"], row["lesson_ref"]): row["total"]
            for row in LearningDay.objects.values("person", "lesson_ref").annotate(
                total=Sum("seconds")
            )
        }
        progress = list(LessonProgress.objects.all())
        assert len(progress) >= 15
        for row in progress:
            assert row.active_seconds == days.get((row.person_id, row.lesson_ref), 0), row

    def test_completions_follow_each_lessons_rule(self):
        for row in LessonProgress.objects.select_related("lesson", "lesson__quiz", "person"):
            assert (row.completed_at is not None) == rule_met(row.lesson, row), row
            if row.completed_at:
                assert row.completed_at >= row.first_opened_at, row

    def test_elena_finished_nearly_all_of_the_sdr_course_with_good_scores(self):
        sdr_lessons = LessonPage.objects.child_of(self.courses()["sdr-onboarding"]).count()
        completed = progress_of("elena.sdr").filter(completed_at__isnull=False).count()
        assert sdr_lessons - 1 <= completed < sdr_lessons
        assert all(80 <= a.percent <= 100 for a in lesson_attempts("elena.sdr"))
        for row in progress_of("elena.sdr").filter(completed_at__isnull=False):
            estimate = row.lesson.estimated_minutes * 60
            assert 0.7 * estimate <= row.active_seconds <= 1.2 * estimate, row

    def test_anna_spent_three_times_the_estimate_on_crm_and_passed_objections_second_time(self):
        crm = progress_of("anna.sdr").get(lesson__slug="crm-hygiene")
        assert 2.5 <= crm.active_seconds / (crm.lesson.estimated_minutes * 60) <= 3.5
        objections = lesson_attempts("anna.sdr", "obrabotka-vozrazheniy")
        assert [a.passed for a in objections] == [False, True]

    def test_tom_stalled_for_sixteen_days_after_a_failed_quiz(self):
        last_day = LearningDay.objects.filter(person__username="tom.sdr").aggregate(Max("day"))
        assert (self.today - last_day["day__max"]).days >= 16
        last_active = progress_of("tom.sdr").aggregate(Max("last_active_at"))
        assert (self.today - timezone.localdate(last_active["last_active_at__max"])).days >= 16
        attempts = list(lesson_attempts("tom.sdr"))
        assert [a.passed for a in attempts].count(False) == 1
        assert all((self.today - timezone.localdate(a.started_at)).days >= 16 for a in attempts)

    def test_sam_reads_well_under_the_estimates_with_mixed_scores(self):
        rows = list(progress_of("sam.ae"))
        assert {row.lesson.get_parent().slug for row in rows} == {"ae-onboarding"}
        assert all(row.active_seconds < 0.75 * row.lesson.estimated_minutes * 60 for row in rows)
        assert {a.passed for a in lesson_attempts("sam.ae")} == {True, False}

    def test_pavel_has_only_opened_the_first_lesson(self):
        [row] = progress_of("pavel.sdr")
        first = LessonPage.objects.child_of(self.courses()["sdr-onboarding"]).first()
        assert (row.lesson, row.visits, row.completed_at) == (first, 1, None)

    def test_a_second_load_creates_nothing(self):
        models = (Page, Revision, Quiz, Question, Attempt, LessonProgress, LearningDay)
        before = [model.objects.count() for model in models]
        output = run()
        assert [model.objects.count() for model in models] == before
        assert "learning records (0 new)" in output
