"""The benchmark's requests, built from the loaded department.

``build(out_dir)`` signs the benchmark's people in (real sessions in the
database, as a browser would hold), starts the quiz attempts to answer, and
writes one request file per scenario for ``wrk.lua``: a line per request,
``METHOD<TAB>PATH<TAB>COOKIE<TAB>CSRF TOKEN<TAB>BODY``. wrk sends them in
order, round and round, so each scenario's requests rotate over many people
(the heartbeat's per-person rate limit and the quiz's answer revisions are
respected as long as a run sends fewer requests than a file holds).

It also writes ``scenarios.json``: per scenario its name, description, file
and whether it changes data (those are not warmed up, so every line is used
once).
"""

import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

# The fixed logins load_scale creates.
OPS, MANAGER, HIRE = "scale.ops", "scale.manager", "scale.hire"
SEARCH_WORDS = ["objection", "discovery", "pricing", "qualification", "demo", "follow-up"]
# Enough lines that a run never wraps round to a stale quiz revision or the
# same person's heartbeat within its rate window.
ANSWER_ROUNDS = 40


@dataclass
class Scenario:
    name: str
    title: str
    file: str
    writes: bool = False


class Signer:
    """Database sessions and CSRF tokens for people, as a browser holds them."""

    def __init__(self):
        self.engine = import_string(settings.SESSION_ENGINE)
        self.backend = settings.AUTHENTICATION_BACKENDS[-1]
        self._cookies = {}

    def cookie(self, user):
        if user.pk not in self._cookies:
            session = self.engine.SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = self.backend
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            token = secrets.token_hex(16)  # 32 characters: a CSRF secret
            cookie = (
                f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={token}"
            )
            self._cookies[user.pk] = (cookie, token)
        return self._cookies[user.pk]


def _line(method, path, cookie="", token="", body=""):
    for value in (path, cookie, token, body):
        if "\t" in value or "\n" in value:
            raise ValueError(f"A request field cannot hold a tab or a newline: {value!r}")
    return f"{method}\t{path}\t{cookie}\t{token}\t{body}\n"


def _user(username):
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise SystemExit(
            f"No user {username!r}: load the department first (manage.py load_scale)."
        ) from None


def reference_page():
    from salesmap.knowledge.models import KnowledgeArticlePage

    page = KnowledgeArticlePage.objects.live().order_by("path").first()
    if page is None:
        raise SystemExit("No live knowledge article to use as the reference page.")
    return page


def _lesson_for(person):
    """A live lesson of the person's role's courses, with a quiz, the hire has started."""
    from lessons.models import LessonPage, LessonProgress

    started = LessonProgress.objects.filter(person=person, completed_at__isnull=True)
    lesson = (
        LessonPage.objects.live()
        .filter(pk__in=started.values("lesson_ref"))
        .order_by("path")
        .first()
    )
    return lesson or LessonPage.objects.live().order_by("path").first()


def _readers(limit):
    """People who read lessons: reps with a role, most of the department."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True, role__isnull=False, username__startswith="scale.")
        .exclude(username__in=[OPS])
        .order_by("pk")[:limit]
    )


def _answerable_quiz(person):
    """A quiz with no time limit and many single-choice questions that ``person`` may take."""
    from quizzes.models import Question, Quiz
    from quizzes.services import may_take

    quizzes = (
        Quiz.objects.takeable()
        .filter(time_limit_minutes__isnull=True)
        .exclude(show_answers=Quiz.ShowAnswers.AFTER_EACH)
        .annotate(
            singles=Count(
                "quiz_questions", filter=Q(quiz_questions__question__kind=Question.Kind.SINGLE)
            )
        )
        .filter(singles__gte=5)
        .order_by("-singles", "pk")
    )
    for quiz in quizzes:
        if may_take(quiz, person):
            return quiz
    return None


def _answer_lines(signer, people):
    """Open attempts for many people and POSTs that change one answer at a time."""
    from quizzes import services
    from quizzes.models import Question

    plans = []
    for person in people:
        quiz = _answerable_quiz(person)
        if quiz is None:
            continue
        try:
            attempt = services.start_attempt(quiz=quiz, person=person)
        except services.QuizError:
            continue
        singles = [
            answer
            for answer in attempt.answers.order_by("position")
            if answer.snapshot["kind"] == Question.Kind.SINGLE
            and len(answer.snapshot["choices"]) >= 2
            and not answer.locked
        ]
        if singles:
            plans.append((person, attempt, singles))
    if not plans:
        raise SystemExit("No quiz attempt could be started for the answer scenario.")
    lines = []
    for round_number in range(ANSWER_ROUNDS):
        for person, attempt, singles in plans:
            answer = singles[round_number % len(singles)]
            # Each answer is changed once per pass over the questions, so its
            # revision is known: one more per earlier change.
            revision = answer.revision + round_number // len(singles)
            choices = answer.snapshot["choices"]
            choice = choices[(round_number // len(singles)) % 2]["id"]
            cookie, token = signer.cookie(person)
            body = urlencode({"position": answer.position, "revision": revision, "choice": choice})
            path = reverse("quizzes:answer", kwargs={"attempt_id": attempt.pk})
            lines.append(_line("POST", path, cookie, token, body))
    return lines


def build(out_dir):
    """Write the request files and ``scenarios.json`` into ``out_dir``; returns the scenarios."""
    from lessons.models import LessonPage

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    signer = Signer()
    ops, manager, hire = _user(OPS), _user(MANAGER), _user(HIRE)
    readers = _readers(2000)
    files = {}

    def get(name, user, *paths):
        cookie, token = signer.cookie(user) if user else ("", "")
        files[name] = [_line("GET", path, cookie, token) for path in paths]

    # The floor: the same middleware a signed-in request goes through (the
    # session and the person are loaded), then a view with one trivial query.
    get("floor", hire, reverse("healthz"))
    get("reference", hire, reference_page().url)
    lesson = _lesson_for(hire)
    get("lesson", hire, lesson.url)
    get("onboarding", hire, reverse("my_onboarding"))
    get("team_manager", manager, reverse("my_team"))
    get("team_all", ops, reverse("my_team"))
    get("brief", manager, reverse("review_brief", kwargs={"person_id": hire.pk}))
    get("search", hire, *[f"{reverse('search')}?{urlencode({'q': w})}" for w in SEARCH_WORDS])

    lessons = list(LessonPage.objects.live().order_by("path"))
    beats = []
    for index, person in enumerate(readers):
        cookie, token = signer.cookie(person)
        target = lessons[index % len(lessons)]
        path = reverse("lessons:heartbeat", kwargs={"lesson_id": target.pk})
        beats.append(_line("POST", path, cookie, token, urlencode({"seconds": 15})))
    files["heartbeat"] = beats
    files["answer"] = _answer_lines(signer, readers)

    scenarios = [
        Scenario("floor", "Plain Django JSON view (/healthz, signed in)", "floor.txt"),
        Scenario("reference", "Wagtail content page (knowledge article)", "reference.txt"),
        Scenario("lesson", "Lesson page", "lesson.txt"),
        Scenario("heartbeat", "Heartbeat POST", "heartbeat.txt", writes=True),
        Scenario("answer", "Answering a quiz question (POST)", "answer.txt", writes=True),
        Scenario("onboarding", "My onboarding", "onboarding.txt"),
        Scenario("team_manager", "Team table, manager of 12", "team_manager.txt"),
        Scenario("team_all", "Team table, Sales Ops: whole department", "team_all.txt"),
        Scenario("brief", "One-on-one brief", "brief.txt"),
        Scenario("search", "Search", "search.txt"),
    ]
    for scenario in scenarios:
        (out_dir / scenario.file).write_text("".join(files[scenario.name]))
    meta = {
        "scenarios": [asdict(s) for s in scenarios],
        "built_at": timezone.now().isoformat(),
        "heartbeat_people": len(readers),
        "answer_requests": len(files["answer"]),
    }
    (out_dir / "scenarios.json").write_text(json.dumps(meta, indent=2))
    return scenarios
