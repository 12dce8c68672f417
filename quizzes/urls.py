from django.urls import path

from .views import marking, progress, taking

app_name = "quizzes"

urlpatterns = [
    path("", taking.quiz_list, name="list"),
    path("progress/", progress.my_progress, name="progress"),
    path("marking/", marking.marking_queue, name="marking_queue"),
    path("marking/<int:attempt_id>/", marking.mark_attempt, name="mark_attempt"),
    path("attempts/<int:attempt_id>/", taking.take_attempt, name="take"),
    path("attempts/<int:attempt_id>/answer/", taking.answer, name="answer"),
    path("attempts/<int:attempt_id>/submit/", taking.submit, name="submit"),
    path("attempts/<int:attempt_id>/result/", taking.result, name="result"),
    # Quiz slugs last: the words above are reserved (see RESERVED_SLUGS).
    path("<str:slug>/", taking.quiz_detail, name="detail"),
    path("<str:slug>/start/", taking.start, name="start"),
]

RESERVED_SLUGS = frozenset({"progress", "marking", "attempts"})
