"""Opening a lesson and completing it: visits, the title kept, and each
completion rule (opened, read, read and passed the quiz)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lessons import services
from lessons.models import LessonProgress
from quizzes import services as quiz_services
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.lessons.conftest import T0

pytestmark = pytest.mark.django_db


def at(seconds):
    return T0 + timedelta(seconds=seconds)


def read_for(person, lesson, seconds, *, start=0):
    """Heartbeats of 15 s every 15 s from ``start`` until ``seconds`` are credited
    (the first beat of a fresh clock credits its claim). Returns when it ended."""
    credited, moment = 0, start
    while credited < seconds:
        credited += services.credit_heartbeat(
            person=person, lesson=lesson, claimed_seconds=15, now=at(moment)
        )
        moment += 15
    return moment


def progress_of(person, lesson):
    return LessonProgress.objects.get(person=person, lesson_ref=lesson.pk)


# --- Opening -----------------------------------------------------------------------


def test_the_first_open_creates_the_progress_row(hire, lesson):
    progress = services.record_open(person=hire, lesson=lesson, now=T0)
    assert (progress.visits, progress.active_seconds, progress.completed_at) == (1, 0, None)
    assert (progress.first_opened_at, progress.last_active_at) == (T0, T0)
    assert (progress.lesson, progress.lesson_ref) == (lesson, lesson.pk)


def test_the_progress_row_keeps_the_lesson_title(hire, lesson):
    assert services.record_open(person=hire, lesson=lesson, now=T0).lesson_title == "Opening a call"


def test_opening_again_within_thirty_minutes_is_the_same_visit(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    progress = services.record_open(person=hire, lesson=lesson, now=at(29 * 60))
    assert progress.visits == 1
    assert LessonProgress.objects.count() == 1


def test_opening_thirty_minutes_after_the_last_activity_is_a_new_visit(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    assert services.record_open(person=hire, lesson=lesson, now=at(30 * 60)).visits == 2


def test_reading_in_between_keeps_a_later_open_in_the_same_visit(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(20 * 60))
    assert services.record_open(person=hire, lesson=lesson, now=at(40 * 60)).visits == 1


def test_an_open_refreshes_the_title_after_a_rename(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    lesson.title = "Opening a cold call"
    lesson.save_revision().publish()
    progress = services.record_open(person=hire, lesson=lesson, now=at(60))
    assert progress.lesson_title == "Opening a cold call"


def test_an_open_with_an_older_clock_does_not_move_last_activity_back(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=at(600))
    assert services.record_open(person=hire, lesson=lesson, now=at(60)).last_active_at == at(600)


def test_each_person_has_their_own_progress(hire, other_hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    services.record_open(person=other_hire, lesson=lesson, now=T0)
    assert LessonProgress.objects.filter(lesson_ref=lesson.pk).count() == 2


# --- Rule "opened" -----------------------------------------------------------------


def test_an_opened_lesson_is_complete_on_the_first_open(hire, course):
    lesson = LessonFactory(parent=course, completion_rule="opened")
    assert services.record_open(person=hire, lesson=lesson, now=T0).completed_at == T0


def test_an_opened_lesson_needs_no_reading_time(course):
    assert LessonFactory(parent=course, completion_rule="opened").required_read_seconds == 0


# --- Rule "read" -------------------------------------------------------------------


def test_the_required_time_is_the_share_of_the_estimate(lesson):
    assert lesson.required_read_seconds == 300  # 50 % of 10 minutes


def test_opening_a_read_lesson_does_not_complete_it(hire, lesson):
    assert services.record_open(person=hire, lesson=lesson, now=T0).completed_at is None


def test_a_read_lesson_is_not_complete_one_beat_short_of_the_required_time(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    read_for(hire, lesson, 285)
    progress = progress_of(hire, lesson)
    assert progress.active_seconds == 285
    assert progress.completed_at is None


def test_a_read_lesson_completes_on_the_beat_that_reaches_the_required_time(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    ended = read_for(hire, lesson, 300)
    progress = progress_of(hire, lesson)
    assert progress.active_seconds == 300
    assert progress.completed_at == at(ended - 15)


def test_later_beats_and_opens_do_not_change_the_completion_time(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    ended = read_for(hire, lesson, 300)
    completed_at = progress_of(hire, lesson).completed_at
    read_for(hire, lesson, 120, start=ended)
    services.record_open(person=hire, lesson=lesson, now=at(ended + 3600))
    progress = progress_of(hire, lesson)
    assert progress.completed_at == completed_at
    assert progress.active_seconds == 420


def test_completing_a_completed_lesson_again_keeps_the_first_completion(hire, lesson):
    services.record_open(person=hire, lesson=lesson, now=T0)
    ended = read_for(hire, lesson, 300)
    completed_at = progress_of(hire, lesson).completed_at
    again = services.complete_lesson(person=hire, lesson=lesson, now=at(ended + 600))
    assert again.completed_at == completed_at


# --- The "mark as done" view -------------------------------------------------------


def complete_url(lesson):
    return reverse("lessons:complete", args=[lesson.pk])


def messages_of(response):
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def test_marking_done_too_early_is_refused_with_a_message(client, hire, lesson):
    client.force_login(hire)
    services.record_open(person=hire, lesson=lesson, now=T0)
    read_for(hire, lesson, 60)
    before = LessonProgress.objects.values().get()
    response = client.post(complete_url(lesson))
    assert response.status_code == 302
    assert response.url == lesson.url
    [(level, text)] = messages_of(response)
    assert level == "warning"
    assert "4 more minute" in text  # 240 s missing
    assert LessonProgress.objects.values().get() == before


def test_marking_done_before_opening_is_refused(client, hire, lesson):
    client.force_login(hire)
    response = client.post(complete_url(lesson))
    assert messages_of(response)[0][0] == "warning"
    assert not LessonProgress.objects.exists()


def test_marking_done_completes_once_the_rule_is_met(client, hire, lesson):
    client.force_login(hire)
    services.record_open(person=hire, lesson=lesson, now=T0)
    read_for(hire, lesson, 150)
    # The editor halves the required share: what was read is now enough.
    lesson.min_read_percent = 25
    lesson.save_revision().publish()
    response = client.post(complete_url(lesson))
    assert messages_of(response) == [("success", "Lesson completed.")]
    assert progress_of(hire, lesson).completed_at is not None


def test_marking_done_only_by_post(client, hire, lesson):
    client.force_login(hire)
    services.record_open(person=hire, lesson=lesson, now=T0)
    assert client.get(complete_url(lesson)).status_code == 405


def test_marking_done_an_unpublished_lesson_is_404(client, hire, lesson):
    client.force_login(hire)
    services.record_open(person=hire, lesson=lesson, now=T0)
    lesson.unpublish()
    assert client.post(complete_url(lesson)).status_code == 404


# --- Rule "read and passed" --------------------------------------------------------


@pytest.fixture
def quiz():
    return QuizFactory(
        questions=[
            QuestionFactory(kind="true_false", text="Listen first.", true_false_answer=True)
        ],
        pass_mark=100,
    )


@pytest.fixture
def quizzed_lesson(course, quiz):
    """Read 30 s (half of one minute) and pass the quiz."""
    return LessonFactory(
        parent=course, quiz=quiz, completion_rule="read_and_passed", estimated_minutes=1
    )


def take_quiz(person, quiz, *, right, now):
    attempt = quiz_services.start_attempt(quiz=quiz, person=person, now=now)
    quiz_services.save_answer(
        attempt_id=attempt.pk,
        person=person,
        position=1,
        data={"choice": ["true" if right else "false"]},
        now=now,
    )
    return quiz_services.submit_attempt(attempt_id=attempt.pk, person=person, now=now)


def test_reading_alone_does_not_complete_a_read_and_passed_lesson(hire, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 60)
    assert progress_of(hire, quizzed_lesson).completed_at is None


def test_marking_done_before_passing_says_the_quiz_is_missing(hire, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 30)
    with pytest.raises(services.NotYetComplete, match="quiz"):
        services.complete_lesson(person=hire, lesson=quizzed_lesson, now=at(600))


def test_passing_the_quiz_after_reading_completes_the_lesson(hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 30)
    attempt = take_quiz(hire, quiz, right=True, now=at(300))
    assert attempt.passed
    assert progress_of(hire, quizzed_lesson).completed_at == at(300)


def test_reading_enough_after_passing_completes_the_lesson(hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    take_quiz(hire, quiz, right=True, now=at(5))
    assert progress_of(hire, quizzed_lesson).completed_at is None
    ended = read_for(hire, quizzed_lesson, 30, start=10)
    assert progress_of(hire, quizzed_lesson).completed_at == at(ended - 15)


def test_passing_without_reading_enough_does_not_complete(hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 15)
    take_quiz(hire, quiz, right=True, now=at(300))
    assert progress_of(hire, quizzed_lesson).completed_at is None


def test_a_failed_attempt_does_not_complete_the_lesson(hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 60)
    attempt = take_quiz(hire, quiz, right=False, now=at(300))
    assert attempt.passed is False
    assert progress_of(hire, quizzed_lesson).completed_at is None
    read_for(hire, quizzed_lesson, 30, start=400)
    assert progress_of(hire, quizzed_lesson).completed_at is None


def test_another_persons_pass_does_not_complete_my_lesson(hire, other_hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 30)
    take_quiz(other_hire, quiz, right=True, now=at(300))
    assert progress_of(hire, quizzed_lesson).completed_at is None


def test_passing_completes_every_waiting_lesson_with_that_quiz(hire, course, quiz, quizzed_lesson):
    second = LessonFactory(
        parent=course, quiz=quiz, completion_rule="read_and_passed", estimated_minutes=1
    )
    for lesson in (quizzed_lesson, second):
        services.record_open(person=hire, lesson=lesson, now=T0)
    read_for(hire, quizzed_lesson, 30)
    read_for(hire, second, 30, start=100)
    take_quiz(hire, quiz, right=True, now=at(300))
    assert progress_of(hire, quizzed_lesson).completed_at == at(300)
    assert progress_of(hire, second).completed_at == at(300)


def test_a_later_pass_does_not_change_the_completion_time(hire, quiz, quizzed_lesson):
    services.record_open(person=hire, lesson=quizzed_lesson, now=T0)
    read_for(hire, quizzed_lesson, 30)
    take_quiz(hire, quiz, right=True, now=at(300))
    take_quiz(hire, quiz, right=True, now=at(900))
    assert progress_of(hire, quizzed_lesson).completed_at == at(300)


def test_a_read_and_passed_lesson_whose_quiz_was_deleted_never_completes(
    hire, quiz, quizzed_lesson
):
    # clean() refuses the rule without a quiz; deleting the quiz later leaves it so.
    quiz.delete()
    lesson = type(quizzed_lesson).objects.get(pk=quizzed_lesson.pk)
    assert lesson.quiz_id is None
    services.record_open(person=hire, lesson=lesson, now=T0)
    read_for(hire, lesson, 60)
    assert progress_of(hire, lesson).completed_at is None


def test_a_beat_stamped_before_a_later_open_does_not_move_last_activity_back(hire, lesson):
    # A beat whose request overtook an open (e.g. its lock was taken later).
    services.record_open(person=hire, lesson=lesson, now=at(60))
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=at(30))
    progress = progress_of(hire, lesson)
    assert progress.active_seconds == 15
    assert progress.last_active_at == at(60)


def test_an_open_after_a_beat_created_the_row_counts_as_the_first_visit(hire, lesson):
    services.credit_heartbeat(person=hire, lesson=lesson, claimed_seconds=15, now=T0)
    assert progress_of(hire, lesson).visits == 0
    assert services.record_open(person=hire, lesson=lesson, now=at(20)).visits == 1
