"""A person's own progress: every quiz they took, each attempt, and their score
per question category across all quizzes. Only ever the signed-in person's."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quizzes import selectors


def _quizzes_taken(person):
    """[{"quiz", "title", "attempts", "result"}], the most recently attempted quiz
    first, each with its attempts newest first and the attempt that counts.
    Two queries."""
    groups = {}
    for attempt in selectors.attempts_of(person):
        group = groups.setdefault(
            attempt.quiz_id,
            # The title as last taken: a renamed or deleted quiz keeps its history.
            {"quiz": attempt.quiz, "title": attempt.quiz_title, "attempts": []},
        )
        group["attempts"].append(attempt)
    counted = selectors.counted_results([person], list(groups)) if groups else {}
    for quiz_id, group in groups.items():
        group["result"] = counted.get((person.pk, quiz_id))
    return list(groups.values())


@login_required
@require_GET
def my_progress(request):
    """Every quiz the person took with each attempt, and their score per category.
    Fixed queries whatever the number of quizzes and attempts."""
    person = request.user
    return render(
        request,
        "quizzes/progress.html",
        {
            "quizzes": _quizzes_taken(person),
            "categories": selectors.category_scores(person),
        },
    )
