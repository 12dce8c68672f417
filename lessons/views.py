"""The lessons app's own views: heartbeats, marking a lesson done, "My learning".

Lesson and course pages themselves are Wagtail pages (``models/pages.py``).
Who may see a lesson is Wagtail's decision (live, and its view restrictions);
whose records a view shows is always the signed-in person's own.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .models import LessonPage

MAX_HEARTBEAT_BYTES = 1024
MAX_CLAIMED_SECONDS = 24 * 60 * 60


class BadHeartbeat(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


# What crediting a heartbeat reads of the lesson (and its view restrictions
# need): loading the whole page, body and all, would cost more than the beat.
HEARTBEAT_FIELDS = (
    "title",
    "path",
    "depth",
    "live",
    "alias_of",
    "completion_rule",
    "estimated_minutes",
    "min_read_percent",
    "quiz",
)


def _visible_lesson(request, lesson_id, *, fields=None):
    """The live lesson ``lesson_id`` if the person may see it, else Http404
    (never a 403 that would confirm a hidden lesson exists). ``fields``: load
    only these (the quiz then loads when first used)."""
    lessons = LessonPage.objects.live().filter(pk=lesson_id)
    lessons = lessons.only(*fields) if fields else lessons.select_related("quiz")
    lesson = lessons.first()
    if lesson is None:
        raise Http404
    if any(not r.accept_request(request) for r in lesson.get_view_restrictions()):
        raise Http404
    return lesson


def _claimed_seconds(request):
    """The ``seconds`` a heartbeat claims, from a JSON body or a form (a beacon)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadHeartbeat(_("Invalid Content-Length.")) from None
    if length > MAX_HEARTBEAT_BYTES:
        raise BadHeartbeat(_("A heartbeat is a few bytes; this one is too large."), 413)
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise BadHeartbeat(_("The heartbeat is not valid JSON.")) from None
        if not isinstance(payload, dict):
            raise BadHeartbeat(_("The heartbeat must be a JSON object."))
        raw = payload.get("seconds")
    else:
        raw = request.POST.get("seconds")
        # A form sends text; JSON has numbers, so a JSON string is refused below.
        if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 6:
            raw = int(raw)
    # bool is an int in Python: refuse it, and floats, strings, None alike.
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise BadHeartbeat(_("'seconds' must be a whole number of seconds."))
    if not 0 <= raw <= MAX_CLAIMED_SECONDS:
        raise BadHeartbeat(_("'seconds' is out of range."))
    return raw


@login_not_required  # an anonymous beacon gets a 401, never a sign-in page
@never_cache
def heartbeat(request, lesson_id):
    """POST ``seconds`` of active reading on the lesson; answers what was credited.

    Refusals (JSON ``{"error": ...}``, nothing credited or changed): 401 signed
    out, 405 not POST, 404 unknown or hidden lesson, 413 oversized, 400
    malformed, 429 too many beats. The CSRF token comes in the body
    (``sendBeacon`` cannot set headers) or the ``X-CSRFToken`` header.
    """
    if request.method != "POST":
        response = _error(_("Send heartbeats with POST."), 405)
        response["Allow"] = "POST"
        return response
    if not request.user.is_authenticated:
        return _error(_("Sign in to record learning time."), 401)
    try:
        claimed = _claimed_seconds(request)
        lesson = _visible_lesson(request, lesson_id, fields=HEARTBEAT_FIELDS)
    except BadHeartbeat as error:
        return _error(error.message, error.status)
    except Http404:
        return _error(_("No such lesson."), 404)
    try:
        credited, progress = services.record_heartbeat(
            person=request.user, lesson=lesson, claimed_seconds=claimed
        )
    except services.LessonError as error:
        response = _error(error.message, error.status)
        if error.status == 429:
            response["Retry-After"] = "60"
        return response
    return JsonResponse(
        {
            "credited": credited,
            "active_seconds": progress.active_seconds,
            "completed": progress.completed_at is not None,
        }
    )


@require_POST
def complete(request, lesson_id):
    """Mark the lesson as done when its rule is met; otherwise say what is missing."""
    lesson = _visible_lesson(request, lesson_id)
    try:
        services.complete_lesson(person=request.user, lesson=lesson)
    except services.NotYetComplete as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Lesson completed."))
    return redirect(lesson.get_url(request) or "/")


@require_GET
def my_learning(request):
    """The person's courses with progress, lessons with status, time and score,
    what to do next, and active time per day."""
    overview = selectors.learning_overview(request.user)
    days = selectors.time_per_day(request.user, days=28)
    return render(
        request,
        "lessons/my_learning.html",
        {"learning": overview, "days": days, "total_seconds": sum(s for _d, s in days)},
    )
