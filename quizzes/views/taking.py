"""The taker's side: the quiz list, a quiz's page, taking an attempt, its result.

Access is decided once per view. A quiz's page is open to whoever may take
it (``services.may_take``: drafts only for editors) or took it before (past
results of an archived quiz stay visible). An attempt is only ever looked up
among the person's own (``selectors.attempt_with_answers`` and the services
filter by person), so anyone else's attempt is a 404.

Correct answers, explanations and correctness reach a page only through
``_feedback``, and only for answers whose ``feedback_visible`` says the quiz's
rules allow it; questions are handed to templates as plain dicts without
their snapshot, so a template cannot leak what it was never given.
"""

import math
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.images import get_image_model

from quizzes import scoring, selectors, services
from quizzes.forms import AnswerFormError, field_prefix, read_answer_post
from quizzes.models import Answer, Attempt, Quiz

IMAGE_FILTER = "max-800x600"
EDITOR_PERMISSION = "quizzes.change_quiz"


# The list -------------------------------------------------------------------


@login_required
@require_GET
def quiz_list(request):
    """Quizzes the person may take, each with where they stand. Fixed queries."""
    person = request.user
    quizzes = Quiz.objects.filter(archived=False)
    # The same rule as services.may_take, as a filter: drafts only for editors.
    if not person.has_perm(EDITOR_PERMISSION):
        quizzes = quizzes.filter(live=True)
    quizzes = list(
        quizzes.select_related("category")
        .annotate(question_total=Count("quiz_questions"))
        .order_by("title")
    )
    return render(request, "quizzes/quiz_list.html", {"rows": _statuses(person, quizzes)})


def _statuses(person, quizzes):
    """One row per quiz: not started, in progress, awaiting marking, passed or
    failed (with attempts left). Two queries whatever the number of quizzes."""
    if not quizzes:
        return []
    counted = selectors.counted_results([person], quizzes)
    summaries = {
        row["quiz_id"]: row
        for row in Attempt.objects.filter(person=person, quiz__in=quizzes)
        .order_by()
        .values("quiz_id")
        .annotate(
            used=Count("pk"),
            open_id=Max("pk", filter=Q(state__in=Attempt.OPEN_STATES)),
            waiting=Count("pk", filter=Q(state=Attempt.State.NEEDS_MARKING)),
        )
    }
    rows = []
    for quiz in quizzes:
        summary = summaries.get(quiz.pk) or {"used": 0, "open_id": None, "waiting": 0}
        result = counted.get((person.pk, quiz.pk))
        left = None if not quiz.max_attempts else max(0, quiz.max_attempts - summary["used"])
        if summary["open_id"]:
            status = "in_progress"
        elif result is not None:
            status = "passed" if result.passed else "failed"
        elif summary["waiting"]:
            status = "awaiting_marking"
        else:
            status = "not_started"
        rows.append(
            {
                "quiz": quiz,
                "status": status,
                "result": result,
                "used": summary["used"],
                "attempts_left": left,
                "open_attempt_id": summary["open_id"],
                "question_total": _questions_asked(quiz, quiz.question_total),
            }
        )
    return rows


def _questions_asked(quiz, total):
    return min(total, quiz.max_questions) if quiz.max_questions else total


# A quiz's page and starting it -----------------------------------------------


def _quiz_for(person, slug):
    """The quiz and the person's attempts at it (newest first); 404 unless they
    may take it or took it before."""
    quiz = get_object_or_404(Quiz.objects.select_related("category"), slug=slug)
    attempts = list(selectors.attempts_of(person, quiz))
    if not services.may_take(quiz, person) and not attempts:
        raise Http404
    return quiz, attempts


def _detail_context(person, quiz, attempts, *, refusal=None):
    now = timezone.now()
    takeable = services.may_take(quiz, person)
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    finished = [attempt for attempt in attempts if attempt.is_finished]
    used = len(attempts)
    attempts_left = None if not quiz.max_attempts else max(0, quiz.max_attempts - used)
    wait_until = None
    last = max((a.submitted_at for a in finished if a.submitted_at), default=None)
    if quiz.wait_minutes and last is not None:
        until = last + timedelta(minutes=quiz.wait_minutes)
        wait_until = until if now < until else None
    return {
        "quiz": quiz,
        "attempts": attempts,
        "finished_attempts": finished,
        "open_attempt": open_attempt,
        "takeable": takeable,
        "can_start": takeable and open_attempt is None and attempts_left != 0 and not wait_until,
        "attempts_used": used,
        "attempts_left": attempts_left,
        "wait_until": wait_until,
        "result": selectors.result_for(person, quiz),
        "question_total": _questions_asked(quiz, quiz.quiz_questions.count()),
        "refusal": refusal,
        "refusal_until": getattr(refusal, "until", None),
    }


@login_required
@require_GET
def quiz_detail(request, slug):
    """The quiz's description and rules, Start or Resume, the person's past attempts."""
    quiz, attempts = _quiz_for(request.user, slug)
    return render(
        request, "quizzes/quiz_detail.html", _detail_context(request.user, quiz, attempts)
    )


@login_required
@require_POST
def start(request, slug):
    """Start an attempt (or resume the open one); a refusal is shown on the quiz's
    page with the status the service gives, and changes nothing."""
    person = request.user
    quiz, _attempts = _quiz_for(person, slug)
    try:
        attempt = services.start_attempt(quiz=quiz, person=person)
    except services.QuizError as error:
        # Starting may have closed an overdue attempt first: read the attempts again.
        attempts = list(selectors.attempts_of(person, quiz))
        context = _detail_context(person, quiz, attempts, refusal=error)
        return render(request, "quizzes/quiz_detail.html", context, status=error.status)
    return redirect("quizzes:take", attempt_id=attempt.pk)


# Taking an attempt ---------------------------------------------------------------


def _own_attempt(person, attempt_id):
    """The person's attempt and its answers (two queries); 404 if not theirs."""
    try:
        return selectors.attempt_with_answers(attempt_id, person)
    except Attempt.DoesNotExist:
        raise Http404 from None


def _feedback(answer):
    """What the person may see once feedback is allowed: their answer, the right
    one, whether they got it, the explanation and the marker's feedback.
    Call only when ``answer.feedback_visible``."""
    if answer.attempt.is_finished:
        points, correct = answer.points_awarded, answer.is_correct
    else:  # after each question: the answer is final but not yet graded
        points, correct = scoring.score(answer.snapshot, answer.response)
    if correct:
        verdict = "right"
    elif correct is None:
        verdict = "pending" if answer.is_answered else "unanswered"
    elif not answer.is_answered:
        verdict = "unanswered"
    elif points:
        verdict = "partly"
    else:
        verdict = "wrong"
    return {
        "verdict": verdict,
        "your_answer": scoring.response_display(answer.snapshot, answer.response),
        "correct_answer": scoring.correct_answer_display(answer.snapshot),
        "explanation": answer.snapshot.get("explanation", ""),
        "points": points,
        "max_points": answer.points,
        "marker_feedback": answer.feedback,
        "is_essay": answer.kind == "essay",
    }


def _question(answer, *, total, prefixed=False, error="", posted=None):
    """One question as the take page shows it: no correct answers unless allowed.
    ``posted`` (form data refused with another question's error) is shown
    instead of the stored response, so nothing typed is lost."""
    response = answer.response or {}
    selected = set(response.get("choices", []))
    if posted is not None:
        values = posted.get("choice", [])
        selected = {choice["id"] for choice in answer.choices if str(choice["id"]) in values}
        response = {"text": posted.get("text", "")}
        if answer.kind == "true_false" and len(values) == 1 and values[0] in ("true", "false"):
            response["value"] = values[0] == "true"
    prefix = field_prefix(answer.position) if prefixed else ""
    return {
        "position": answer.position,
        "total": total,
        "kind": answer.kind,
        "text": answer.text,
        "image_id": answer.snapshot.get("image_id"),
        "image": None,
        "choices": [
            {"id": choice["id"], "text": choice["text"], "selected": choice["id"] in selected}
            for choice in answer.choices
        ],
        "true_false": response.get("value"),
        "text_value": response.get("text", ""),
        "answered": answer.is_answered,
        "revision": answer.revision,
        "prefix": prefix,
        "dom_id": f"q{answer.position}",
        "editable": not answer.locked,
        "feedback": _feedback(answer) if answer.feedback_visible else None,
        "error": error,
    }


def _attach_images(questions):
    """Load the images of the questions shown in one query (plus renditions)."""
    ids = {question["image_id"] for question in questions if question["image_id"]}
    if not ids:
        return
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(IMAGE_FILTER)
    by_id = {image.pk: image for image in images}
    for question in questions:
        question["image"] = by_id.get(question["image_id"])


def _time_left(attempt, now):
    """Whole seconds until the deadline (None without one)."""
    if attempt.deadline_at is None:
        return None
    return max(0, math.ceil((attempt.deadline_at - now).total_seconds()))


def _clock(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _render_take(
    request, attempt, answers, *, position, finishing=False, errors=None, posted=None, status=200
):
    """The take page. Reads only: an overdue attempt is shown as time up with the
    Submit button; the periodic command or the next POST closes it."""
    errors = errors or {}
    now = timezone.now()
    time_left = _time_left(attempt, now)
    time_up = time_left == 0
    one_per_page = attempt.layout == Quiz.Layout.ONE_PER_PAGE
    total = len(answers)
    if time_up or finishing:
        shown = []
    elif one_per_page:
        shown = [answer for answer in answers if answer.position == position]
    else:
        shown = answers
    questions = [
        _question(
            answer,
            total=total,
            prefixed=not one_per_page,
            error=errors.get(answer.position, ""),
            posted=(posted or {}).get(answer.position),
        )
        for answer in shown
    ]
    _attach_images(questions)
    answered = sum(1 for answer in answers if answer.is_answered)
    context = {
        "attempt": attempt,
        "one_per_page": one_per_page,
        "after_each": attempt.show_answers == Quiz.ShowAnswers.AFTER_EACH,
        "position": position,
        "questions": questions,
        "question": questions[0] if one_per_page and questions else None,
        "nav": [
            {
                "position": answer.position,
                "answered": answer.is_answered,
                "current": one_per_page and not finishing and answer.position == position,
            }
            for answer in answers
        ],
        "total": total,
        "answered_count": answered,
        "unanswered": [answer.position for answer in answers if not answer.is_answered],
        "previous_position": position - 1 if position > 1 else None,
        "next_position": position + 1 if position < total else None,
        "time_left": time_left,
        "time_left_display": _clock(time_left) if time_left is not None else "",
        "time_up": time_up,
        "finishing": finishing,
        "has_errors": bool(errors),
    }
    return render(request, "quizzes/take.html", context, status=status)


def _requested_position(request, attempt):
    """``?q=N`` (default: where the person was). ValueError if not a whole number."""
    value = request.GET.get("q")
    if value is None or value == "":
        return max(1, min(attempt.current_position, attempt.question_count or 1))
    if not value.isascii() or not value.isdigit():
        raise ValueError(value)
    return int(value)


@login_required
@require_GET
def take_attempt(request, attempt_id):
    """One question (``?q=N``) or all of them, with progress, time left and the
    navigation strip; ``?finish=1`` lists unanswered questions before submitting."""
    attempt, answers = _own_attempt(request.user, attempt_id)
    if not attempt.is_open:
        return redirect("quizzes:result", attempt_id=attempt.pk)
    try:
        position = _requested_position(request, attempt)
    except ValueError:
        return _problem(request, attempt, _("That question number is not valid."), status=400)
    if not 1 <= position <= len(answers):
        raise Http404
    return _render_take(
        request, attempt, answers, position=position, finishing="finish" in request.GET
    )


# Answering ------------------------------------------------------------------------


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _take_url(attempt, *, position=None, finish=False):
    url = reverse("quizzes:take", kwargs={"attempt_id": attempt.pk})
    if finish:
        return f"{url}?finish=1"
    if position is not None:
        return f"{url}?q={position}"
    return url


def _problem(request, attempt, message, *, status, closed=False):
    """A refusal the person can act on: the message and a way back. JSON on request."""
    if _wants_json(request):
        return JsonResponse({"error": str(message)}, status=status)
    back_url = (
        reverse("quizzes:result", kwargs={"attempt_id": attempt.pk})
        if closed
        else _take_url(attempt)
    )
    return render(
        request,
        "quizzes/conflict.html",
        {"attempt": attempt, "message": message, "back_url": back_url, "closed": closed},
        status=status,
    )


def _not_found(request):
    if _wants_json(request):
        return JsonResponse({"error": _("Not found.")}, status=404)
    raise Http404


@login_required
@require_POST
def answer(request, attempt_id):
    """Save one question's answer, or every question of an all-on-one-page form.

    All responses are checked before any is saved (an invalid one is a 400 on
    the question page, nothing stored); unchanged answers are not saved again.
    Refusals of the service (stale tab, final answer, closed attempt, past the
    deadline) are 409s. ``then`` says where to go next: ``next`` (default),
    ``prev``, ``stay``, ``check``, ``finish`` (the submit confirmation) or
    ``submit`` (hand in after saving, as the timer does at zero).
    """
    person = request.user
    try:
        attempt, answers = selectors.attempt_with_answers(attempt_id, person)
    except Attempt.DoesNotExist:
        return _not_found(request)
    try:
        submitted = read_answer_post(request.POST)
    except AnswerFormError as error:
        return _problem(request, attempt, error.message, status=400)
    by_position = {answer.position: answer for answer in answers}
    if any(item.position not in by_position for item in submitted):
        return _not_found(request)
    then = request.POST.get("then", "next")
    if not attempt.is_open:
        if then == "submit":
            return _after_submit(request, attempt)
        return _problem(
            request, attempt, _("This attempt is already submitted."), status=409, closed=True
        )

    changed, errors = [], {}
    for item in submitted:
        current = by_position[item.position]
        try:
            response = scoring.clean_response(current.snapshot, item.data)
        except scoring.InvalidResponse as error:
            errors[item.position] = str(error)
            continue
        if response != current.response:
            changed.append(item)
    if errors:
        if _wants_json(request):
            return JsonResponse({"error": next(iter(errors.values()))}, status=400)
        return _render_take(
            request,
            attempt,
            answers,
            position=min(errors),
            errors=errors,
            posted={item.position: item.data for item in submitted},
            status=400,
        )

    revisions = {item.position: by_position[item.position].revision for item in submitted}
    locked = any(by_position[item.position].locked for item in submitted)
    try:
        for item in changed:
            saved = services.save_answer(
                attempt_id=attempt.pk,
                person=person,
                position=item.position,
                data=item.data,
                revision=item.revision,
            )
            revisions[item.position] = saved.revision
            locked = locked or saved.locked
    except (Attempt.DoesNotExist, Answer.DoesNotExist):
        return _not_found(request)
    except (services.DeadlinePassed, services.AttemptClosed) as error:
        if then == "submit":
            return _after_submit(request, attempt)
        return _problem(request, attempt, error.message, status=error.status, closed=True)
    except services.QuizError as error:
        return _problem(request, attempt, error.message, status=error.status)
    except scoring.InvalidResponse as error:  # checked above; kept for a changed snapshot
        return _problem(request, attempt, str(error), status=400)

    if then == "submit":
        return _after_submit(request, attempt)
    if _wants_json(request):
        if len(submitted) == 1 and "position" in request.POST:
            return JsonResponse({"ok": True, "revision": revisions[submitted[0].position]})
        return JsonResponse(
            {"ok": True, "revisions": {str(pos): rev for pos, rev in revisions.items()}}
        )
    return redirect(_next_url(request, attempt, submitted, then=then, locked=locked))


def _next_url(request, attempt, submitted, *, then, locked):
    if then == "finish":
        return _take_url(attempt, finish=True)
    if attempt.layout != Quiz.Layout.ONE_PER_PAGE or len(submitted) != 1:
        messages.success(request, _("Your answers are saved."))
        return _take_url(attempt)
    position = submitted[0].position
    if then == "check" and not locked:
        messages.info(request, _("Choose or write an answer first, then check it."))
    if then == "prev":
        return _take_url(attempt, position=max(1, position - 1))
    if locked or then in ("stay", "check"):
        return _take_url(attempt, position=position)  # after each question: its feedback
    if position < attempt.question_count:
        return _take_url(attempt, position=position + 1)
    return _take_url(attempt, finish=True)


def _after_submit(request, attempt):
    services.submit_attempt(attempt_id=attempt.pk, person=request.user)
    url = reverse("quizzes:result", kwargs={"attempt_id": attempt.pk})
    if _wants_json(request):
        return JsonResponse({"ok": True, "submitted": True, "result_url": url})
    return redirect(url)


@login_required
@require_POST
def submit(request, attempt_id):
    """Hand the attempt in and grade it. Idempotent: a second submit shows the
    recorded result."""
    try:
        attempt = services.submit_attempt(attempt_id=attempt_id, person=request.user)
    except Attempt.DoesNotExist:
        raise Http404 from None
    return redirect("quizzes:result", attempt_id=attempt.pk)


# The result -------------------------------------------------------------------------


@login_required
@require_GET
def result(request, attempt_id):
    """Score and pass/fail with the quiz's text; each question with the right answer
    and explanation only when the quiz's rules allow. Fixed queries."""
    attempt, answers = _own_attempt(request.user, attempt_id)
    if attempt.is_open:
        return redirect("quizzes:take", attempt_id=attempt.pk)
    reviews = [
        {
            "position": answer.position,
            "text": answer.text,
            "kind": answer.kind,
            "feedback": _feedback(answer),
        }
        for answer in answers
        if answer.feedback_visible
    ]
    quiz = attempt.quiz
    if attempt.passed is True:
        verdict_text = quiz.success_text
    elif attempt.passed is False:
        verdict_text = quiz.fail_text
    else:
        verdict_text = ""
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "verdict_text": verdict_text,
            "reviews": reviews,
            "answered_count": sum(1 for answer in answers if answer.is_answered),
            "total": len(answers),
            "awaiting_marking": sum(1 for answer in answers if answer.needs_marking),
            "answers_hidden": attempt.show_answers == Quiz.ShowAnswers.NEVER,
        },
    )
