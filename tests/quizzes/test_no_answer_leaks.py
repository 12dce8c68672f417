"""No answer key before the rules allow: a scan of every page and response a taker sees.

For each quiz setting (show answers after each / at the end / never, one
question per page / all on one page) a hire walks the whole flow: the list,
the quiz's page, starting, every question, wrong and right answers by form
and by JSON, a refused answer, the confirmation, submitting, the result and
the progress page. Every response is scanned for the secrets of questions
whose feedback is not allowed yet: explanations, accepted short answers,
which choice is right (the right choices' texts must appear exactly as often
as the wrong ones, i.e. only as options) and correctness markers.
"""

import json
import re

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt
from tests.factories import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

# Unique strings: any of them in a page where it is not allowed is a leak.
SECRETS = {
    1: {
        "explanation": "EXPLAIN-7f3-single",
        "right": ["RIGHT-ANSWER-7f3-single"],
        "wrong": ["WRONG-OPTION-7f3-single-1", "WRONG-OPTION-7f3-single-2"],
    },
    2: {
        "explanation": "EXPLAIN-7f3-multi",
        "right": ["RIGHT-ANSWER-7f3-multi-a", "RIGHT-ANSWER-7f3-multi-b"],
        "wrong": ["WRONG-OPTION-7f3-multi"],
    },
    3: {"explanation": "EXPLAIN-7f3-truefalse", "right": [], "wrong": []},
    4: {
        "explanation": "EXPLAIN-7f3-short",
        "accepted": "ACCEPTED-7f3-crm",
        "right": [],
        "wrong": [],
    },
    5: {"explanation": "EXPLAIN-7f3-essay", "right": [], "wrong": []},
}
# Never in any taker-visible response, whatever the rules.
ALWAYS_FORBIDDEN = [
    "is_correct",
    "data-correct",
    '"correct"',
    "true_false_answer",
    "accepted_answers",
]
JSON_KEYS = {"ok", "revision", "revisions", "error", "submitted", "result_url"}

SETTINGS = [
    (show_answers, layout)
    for show_answers in ("after_each", "at_end", "never")
    for layout in ("one_per_page", "all_on_one_page")
]


def build_quiz(show_answers, layout):
    secrets = SECRETS
    questions = [
        QuestionFactory(
            text="Which stage comes first?",
            explanation=secrets[1]["explanation"],
            choices=[
                (secrets[1]["wrong"][0], False),
                (secrets[1]["right"][0], True),
                (secrets[1]["wrong"][1], False),
            ],
        ),
        QuestionFactory(
            kind="multiple",
            text="Which two are discovery questions?",
            explanation=secrets[2]["explanation"],
            choices=[
                (secrets[2]["right"][0], True),
                (secrets[2]["wrong"][0], False),
                (secrets[2]["right"][1], True),
            ],
        ),
        QuestionFactory(
            kind="true_false",
            text="A demo needs an agenda.",
            true_false_answer=True,
            explanation=secrets[3]["explanation"],
        ),
        QuestionFactory(
            kind="short_text",
            text="Name our CRM.",
            accepted_answers=secrets[4]["accepted"],
            explanation=secrets[4]["explanation"],
        ),
        QuestionFactory(
            kind="essay", text="Describe your pitch.", explanation=secrets[5]["explanation"]
        ),
    ]
    return QuizFactory(
        questions=questions,
        show_answers=show_answers,
        layout=layout,
        time_limit_minutes=30,
        success_text="You passed.",
        fail_text="You did not pass.",
    )


def fieldsets(content):
    """{position: html of that question's fieldset} on a take page."""
    found = {}
    for chunk in content.split("<fieldset")[1:]:
        match = re.search(r'id="q(\d+)"', chunk)
        if match:
            found[int(match.group(1))] = chunk.split("</fieldset>")[0]
    return found


class Scanner:
    """Checks every response against what the rules allow at that moment."""

    def __init__(self):
        self.revealed = set()
        self.checked = 0

    def check(self, response, *, revealed=None):
        revealed = self.revealed if revealed is None else revealed
        content = response.content.decode()
        self.checked += 1
        for marker in ALWAYS_FORBIDDEN:
            assert marker not in content, (marker, response)
        if response.get("Content-Type", "").startswith("application/json"):
            payload = json.loads(content)
            assert set(payload) <= JSON_KEYS, payload
            revealed = set()  # JSON never carries feedback, whatever the rules
        hidden = set(SECRETS) - revealed
        for position in hidden:
            secrets = SECRETS[position]
            assert secrets["explanation"] not in content, (position, response)
            if "accepted" in secrets:
                assert secrets["accepted"] not in content, (position, response)
            # Right choices only ever appear as options, as often as the wrong ones.
            wrong_count = content.count(secrets["wrong"][0]) if secrets["wrong"] else 0
            for text in secrets["right"]:
                assert content.count(text) == wrong_count, (position, text, response)
        for position, html in fieldsets(content).items():
            if position not in revealed:
                assert "quiz-feedback" not in html, (position, response)
                assert "<dt>Correct answer</dt>" not in html, (position, response)
        if not revealed:
            assert "quiz-feedback" not in content
            assert "<dt>Correct answer</dt>" not in content
        return content


def choice_id(answer, text):
    return str(next(choice["id"] for choice in answer.choices if choice["text"] == text))


@pytest.mark.parametrize(("show_answers", "layout"), SETTINGS)
def test_no_taker_response_shows_answers_before_the_rules_allow(
    client_for, hire, show_answers, layout
):
    quiz = build_quiz(show_answers, layout)
    client = client_for(hire)
    scan = Scanner()
    after_each = show_answers == "after_each"
    one_per_page = layout == "one_per_page"

    scan.check(client.get(reverse("quizzes:list")))
    scan.check(client.get(reverse("quizzes:detail", args=[quiz.slug])))
    started = client.post(reverse("quizzes:start", args=[quiz.slug]))
    scan.check(started)
    attempt = Attempt.objects.get(person=hire)
    take = reverse("quizzes:take", args=[attempt.pk])
    answer_url = reverse("quizzes:answer", args=[attempt.pk])

    def visit_all():
        scan.check(client.get(take))
        scan.check(client.get(take + "?finish=1"))
        if one_per_page:
            for position in SECRETS:
                scan.check(client.get(f"{take}?q={position}"))

    def rows():
        return {row.position: row for row in Answer.objects.filter(attempt=attempt)}

    def answer(position, data, *, as_json=False):
        row = rows()[position]
        if one_per_page:
            payload = {"position": position, "revision": row.revision, **data}
        else:
            prefix = f"q{position}-"
            payload = {"positions": [str(position)], f"{prefix}revision": row.revision}
            payload.update({prefix + key: value for key, value in data.items()})
        headers = {"Accept": "application/json"} if as_json else {}
        response = client.post(answer_url, payload, headers=headers)
        assert response.status_code in (200, 302), response.content
        if after_each and not as_json:
            scan.revealed.add(position)
        scan.check(response)
        if as_json and after_each:
            scan.revealed.add(position)
        if response.status_code == 302:
            scan.check(client.get(response.url))
        visit_all()

    visit_all()

    # A refused answer (not a choice of the question) and a stale one show nothing either.
    invalid = client.post(answer_url, {"position": 1, "revision": 0, "choice": "999999"})
    assert invalid.status_code == 400
    scan.check(invalid)
    invalid_json = client.post(
        answer_url,
        {"position": 1, "revision": 0, "choice": "999999"},
        headers={"Accept": "application/json"},
    )
    assert invalid_json.status_code == 400
    scan.check(invalid_json)

    first = rows()
    answer(1, {"choice": choice_id(first[1], SECRETS[1]["wrong"][0])})
    answer(2, {"choice": [choice_id(first[2], SECRETS[2]["right"][0])]}, as_json=True)
    answer(3, {"choice": "false"})
    answer(4, {"text": "Salesforce"}, as_json=True)

    stale = client.post(
        answer_url,
        {"position": 5, "revision": 7, "text": "An essay from an old tab"},
        headers={"Accept": "application/json"},
    )
    assert stale.status_code == 409
    scan.check(stale)

    submitted = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert submitted.status_code == 302
    scan.check(submitted)

    result = client.get(submitted.url)
    assert result.status_code == 200
    if show_answers == "never":
        content = scan.check(result, revealed=set())
        assert "You did not pass." in content
    else:
        content = result.content.decode()
        for position in (1, 2, 3, 4, 5):
            assert SECRETS[position]["explanation"] in content

    # The progress page shows scores only, never answers.
    scan.check(client.get(reverse("quizzes:progress")), revealed=set())
    assert scan.checked >= 20


def test_the_scanner_would_notice_a_leak():
    """The scan is only worth something if it fails on a leaking page."""

    class Page:
        def __init__(self, text):
            self.content = text.encode()

        def get(self, _key, default=""):
            return default

    scanner = Scanner()
    honest = "".join(f"<label>{text}</label>" for text in SECRETS[1]["right"] + SECRETS[1]["wrong"])
    scanner.check(Page(honest))
    for leak in (
        honest + f"<dd>{SECRETS[1]['right'][0]}</dd>",
        SECRETS[4]["accepted"],
        SECRETS[3]["explanation"],
        '<li data-correct="1">',
        '<fieldset id="q2"><div class="quiz-feedback quiz-feedback--right"></div></fieldset>',
    ):
        with pytest.raises(AssertionError):
            scanner.check(Page(leak))
