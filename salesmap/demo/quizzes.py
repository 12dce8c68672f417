"""The demo quiz bank: categories, questions and three published quizzes on the
demo's own sales content, and a few finished attempts.

Quizzes are found by slug and questions by (text, kind): what exists is left
as it is. An attempt is added only if the person has none at that quiz, so a
second run adds nothing. Anna's attempt holds an essay waiting for marking, so
her manager's marking queue is not empty.
"""

import datetime
import random

from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, Category, Choice, Question, Quiz, QuizQuestion

DISCOVERY, OBJECTIONS, CRM = "Discovery", "Objection handling", "CRM hygiene"
CATEGORIES = [DISCOVERY, OBJECTIONS, CRM]

# key: (category, kind, text, explanation, extra fields); choices as (text, correct).
QUESTIONS = {
    "opener": (
        DISCOVERY,
        Question.Kind.SINGLE,
        "Which question opens a discovery meeting best?",
        "Start with what triggered the request: the trigger tells you the pain and the "
        "deadline. Packages and budget come later.",
        {
            "choices": [
                ("What made you look at a new CRM now?", True),
                ("Shall I walk you through our packages first?", False),
                ("What budget have you set aside?", False),
                ("Which CRM do your competitors use?", False),
            ]
        },
    ),
    "summary-email": (
        DISCOVERY,
        Question.Kind.MULTIPLE,
        "Which of these belong in the summary email after a discovery meeting?",
        "The summary template asks for the client's goals in their own words, the success "
        "criteria and the next step. Prices and discounts wait for the proposal.",
        {
            "partial_credit": True,
            "points": 2,
            "choices": [
                ("The client's goals in their own words, with numbers", True),
                ("The agreed next step and its date", True),
                ("The success criteria the client will measure", True),
                ("A discount to speed up the decision", False),
                ("Our full price list", False),
            ],
        },
    ),
    "talk-time": (
        DISCOVERY,
        Question.Kind.TRUE_FALSE,
        "In a good discovery meeting the AE speaks for more than half of the time.",
        "Speak less than a third of the time: the client does the talking, you ask and listen.",
        {"true_false_answer": False},
    ),
    "summary-hours": (
        DISCOVERY,
        Question.Kind.SHORT_TEXT,
        "Within how many hours of a discovery meeting do we send the summary email? "
        "Answer with a number.",
        "Within 24 hours, while the client still remembers the meeting.",
        {"accepted_answers": "24\n24 hours\ntwenty-four"},
    ),
    "reps-hate-crm": (
        DISCOVERY,
        Question.Kind.ESSAY,
        'A sales director tells you their reps "hate the CRM". Write the three questions '
        "you would ask next, and what each answer would tell you.",
        "Look for questions about the process (what reps must enter and why), the tools "
        "(what is duplicated elsewhere) and the cost (deals lost when a rep leaves).",
        {"points": 3},
    ),
    "next-step": (
        CRM,
        Question.Kind.SINGLE,
        "What must every open deal have in the CRM?",
        "A deal without a next step is a deal nobody is moving; reminders need the date.",
        {
            "choices": [
                ("Exactly one next step with a due date", True),
                ("A discount approved by the manager", False),
                ("At least three contacts", False),
            ]
        },
    ),
    "exit-criteria": (
        CRM,
        Question.Kind.TRUE_FALSE,
        "A deal may move to Proposal before its exit criteria are met if the client sounds keen.",
        "Stages drive the forecast: a deal pushed forward without a known budget inflates it.",
        {"true_false_answer": False},
    ),
    "duplicates": (
        CRM,
        Question.Kind.TRUE_FALSE,
        "Before adding a company, search the CRM by its domain and tax number.",
        "Duplicates split the history, so two reps end up calling the same client.",
        {"true_false_answer": True},
    ),
    "lost-deal": (
        CRM,
        Question.Kind.SINGLE,
        "How do you close a lost deal?",
        "Loss reasons show where the funnel leaks and which objection answers need work.",
        {
            "choices": [
                ("With a loss reason from the list and a comment", True),
                ("As 'Lost - other', so nobody has to guess", False),
                ("Delete it, so the pipeline stays clean", False),
            ]
        },
    ),
    "too-expensive": (
        OBJECTIONS,
        Question.Kind.SINGLE,
        'A client says "It\'s too expensive for us." What do you ask first?',
        '"Too expensive" is rarely about the number: find out what the client compares us with.',
        {
            "choices": [
                ("Compared with what you have now, or with another offer?", True),
                ("Would a 10% discount help?", False),
                ("Shall I send you the price list again?", False),
            ]
        },
    ),
    "first-discount": (
        OBJECTIONS,
        Question.Kind.TRUE_FALSE,
        "Offering a discount at the first price objection shows flexibility and builds trust.",
        "A discount offered at the first objection tells the client the price was never real. "
        "Discounts are traded, never given.",
        {"true_false_answer": False},
    ),
    "cost-of-nothing": (
        OBJECTIONS,
        Question.Kind.SHORT_TEXT,
        "The number from discovery that shows what the client loses by changing nothing is "
        'the "cost of ...". Complete the phrase.',
        "The cost of doing nothing: deals that went cold, reps who left, hours spent on reports.",
        {"accepted_answers": "cost of doing nothing\ndoing nothing\ncost of inaction\ninaction"},
    ),
}

QUIZZES = [
    {
        "slug": "discovery-call-basics",
        "title": "Discovery call basics",
        "description": "Opening the meeting, listening, and the summary email that follows.",
        "category": DISCOVERY,
        "pass_mark": 70,
        "time_limit_minutes": 15,
        "max_attempts": 3,
        "show_answers": Quiz.ShowAnswers.AT_END,
        "success_text": "You are ready to run discovery meetings with an AE listening in.",
        "fail_text": "Read the Needs discovery stage again and retake the quiz.",
        "questions": ["opener", "summary-email", "talk-time", "summary-hours", "reps-hate-crm"],
    },
    {
        "slug": "crm-hygiene-quick-check",
        "title": "CRM hygiene: quick check",
        "description": "Four questions on the CRM rules every rep follows from day one.",
        "category": CRM,
        "pass_mark": 75,
        "max_attempts": 1,
        "layout": Quiz.Layout.ALL_ON_ONE_PAGE,
        "show_answers": Quiz.ShowAnswers.AT_END,
        "success_text": "Clean pipeline, clean forecast. Well done.",
        "fail_text": "Go through 'Working with the CRM' with your mentor this week.",
        "questions": ["next-step", "exit-criteria", "duplicates", "lost-deal"],
    },
    {
        "slug": "price-objection-practice",
        "title": "Price objection practice",
        "description": 'Practise the first answers to "It\'s too expensive", with feedback '
        "after each question.",
        "category": OBJECTIONS,
        "pass_mark": 60,
        "show_answers": Quiz.ShowAnswers.AFTER_EACH,
        "success_text": "Good: keep the conversation on value.",
        "fail_text": "Read the article on the price objection and try again.",
        "questions": ["too-expensive", "first-discount", "cost-of-nothing"],
    },
]

# (person, quiz slug, days ago, {question key: answer}). Answers name choices by text.
ATTEMPTS = [
    (
        "anna.sdr",
        "discovery-call-basics",
        2,
        {
            "opener": {"choices": ["What made you look at a new CRM now?"]},
            "summary-email": {
                "choices": [
                    "The client's goals in their own words, with numbers",
                    "The agreed next step and its date",
                ]
            },
            "talk-time": {"value": False},
            "summary-hours": {"text": "24 hours"},
            "reps-hate-crm": {
                "text": "1. What does a rep have to enter after a call, and who reads it? "
                "This shows whether the CRM serves the reps or only reporting.\n"
                "2. Where else do they keep the same data (spreadsheets, messengers)? "
                "Double entry is the usual reason for the hate.\n"
                "3. What happened to the deals of the last rep who left? That gives the "
                "cost of doing nothing."
            },
        },
    ),
    (
        "tom.sdr",
        "crm-hygiene-quick-check",
        6,
        {
            "next-step": {"choices": ["Exactly one next step with a due date"]},
            "exit-criteria": {"value": False},
            "duplicates": {"value": True},
            "lost-deal": {"choices": ["With a loss reason from the list and a comment"]},
        },
    ),
]


def load_quizzes(people):
    """The demo quiz bank, quizzes and attempts; creates only what is missing.

    Returns ``{"quizzes": created, "attempts": created}``."""
    categories = {name: Category.objects.get_or_create(name=name)[0] for name in CATEGORIES}
    questions = {key: _question(categories, *spec) for key, spec in QUESTIONS.items()}
    author = people.get("ops.lead")
    quizzes, created_quizzes = {}, 0
    for spec in QUIZZES:
        quizzes[spec["slug"]], made = _quiz(spec, categories, questions, author)
        created_quizzes += made
    created_attempts = 0
    for username, slug, days_ago, answers in ATTEMPTS:
        person = people.get(username)
        quiz = quizzes[slug]
        if (
            person is None
            or not quiz.live
            or Attempt.objects.filter(quiz=quiz, person=person).exists()
        ):
            continue
        _take(quiz, person, days_ago, {QUESTIONS[key][2]: given for key, given in answers.items()})
        created_attempts += 1
    return {"quizzes": created_quizzes, "attempts": created_attempts}


def _question(categories, category, kind, text, explanation, extra):
    existing = Question.objects.filter(text=text, kind=kind).first()
    if existing is not None:
        return existing
    extra = dict(extra)
    choices = extra.pop("choices", [])
    question = Question(
        kind=kind,
        text=text,
        explanation=explanation,
        category=categories[category],
        choices=[
            Choice(text=choice, is_correct=correct, sort_order=order)
            for order, (choice, correct) in enumerate(choices)
        ],
        **extra,
    )
    question.full_clean()
    question.save()
    return question


def _quiz(spec, categories, questions, author):
    existing = Quiz.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing, False
    fields = {key: value for key, value in spec.items() if key not in ("category", "questions")}
    quiz = Quiz(
        **fields,
        category=categories[spec["category"]],
        live=False,
        quiz_questions=[
            QuizQuestion(question=questions[key], sort_order=order)
            for order, key in enumerate(spec["questions"])
        ],
    )
    quiz.save()
    # Published the way an editor publishes: a revision, then Wagtail's publish action.
    quiz.save_revision(user=author).publish()
    quiz.refresh_from_db()
    return quiz, True


def _take(quiz, person, days_ago, answers_by_text, *, start=None):
    """A finished attempt through the quiz service, answered a few minutes apart.

    It starts ``days_ago`` days (and three hours) before now, or at ``start``."""
    start = start or timezone.now() - datetime.timedelta(days=days_ago, hours=3)
    rng = random.Random(days_ago)  # noqa: S311 # nosec B311 - demo data, not security
    attempt = services.start_attempt(quiz=quiz, person=person, now=start, rng=rng)
    moment = start
    for answer in attempt.answers.order_by("position"):
        given = answers_by_text.get(answer.text)
        if given is None:
            continue
        moment += datetime.timedelta(minutes=2)
        services.save_answer(
            attempt_id=attempt.pk,
            person=person,
            position=answer.position,
            data=_form_data(answer, given),
            now=moment,
        )
    services.submit_attempt(
        attempt_id=attempt.pk, person=person, now=moment + datetime.timedelta(minutes=1)
    )


def _form_data(answer, given):
    """What the quiz form would post for this answer (choice ids, "true"/"false", text)."""
    if "choices" in given:
        ids = {choice["text"]: str(choice["id"]) for choice in answer.choices}
        return {"choice": [ids[text] for text in given["choices"]]}
    if "value" in given:
        return {"choice": ["true" if given["value"] else "false"]}
    return {"text": given["text"]}
