"""The scale quizzes: a question bank written in bulk and quizzes published
the way an editor publishes them (a revision, then Wagtail's publish action).

Each quiz has 10-30 questions: mostly one-answer multiple choice with 3-5
choices, some true/false, a few several-answer and short-text questions,
and an essay in about a quarter of the quizzes. Returns, for each quiz, its
questions as the engine snapshots them (``quizzes.scoring.snapshot_question``),
so the history can answer and score them without asking the database again.
"""

from dataclasses import dataclass

from quizzes.models import Category, Choice, Question, Quiz, QuizQuestion
from quizzes.scoring import snapshot_question

from . import words

Kind = Question.Kind
CONTEXTS = [
    "A logistics company",
    "A retail chain",
    "A SaaS start-up",
    "A regional bank",
    "A manufacturer",
    "A hotel group",
    "A university",
    "A clinic network",
]
SLUG_PREFIX = "scale-quiz-"


@dataclass
class QuizSpec:
    """A published quiz and its questions as asked (bank question, snapshot)."""

    quiz: Quiz
    questions: list
    has_essay: bool

    @property
    def max_score(self):
        return sum(int(snapshot["points"]) for _question, snapshot in self.questions)


def load_quizzes(*, count, themes, rng, author, bulk):
    """``count`` quizzes; quiz ``i`` is on the theme ``themes[i]`` (a
    ``words.COURSE_THEMES`` row). Returns a list of ``QuizSpec`` in order."""
    categories = {}
    for title, _topic, _audience in themes:
        if title not in categories:
            categories[title] = Category.objects.get_or_create(name=title)[0]
    drafts = []  # per quiz: [(Question, [(choice text, correct)])]
    essays = []
    for index in range(count):
        title, topic, _audience = themes[index]
        size = rng.randint(10, 30)
        with_essay = rng.random() < 0.25
        essays.append(with_essay)
        drafts.append(
            [
                _question(rng, topic, categories[title], position, size, with_essay)
                for position in range(size)
            ]
        )
    pairs = [row for rows in drafts for row in rows]
    questions = bulk.create(Question, [question for question, _choices in pairs])
    bulk.create(
        Choice,
        [
            Choice(question_id=question.pk, text=text, is_correct=correct, sort_order=order)
            for question, (_draft, choices) in zip(questions, pairs, strict=True)
            for order, (text, correct) in enumerate(choices)
        ],
    )
    asked = {
        question.pk: question
        for question in Question.objects.filter(pk__in=[q.pk for q in questions])
        .select_related("category", "sub_category")
        .prefetch_related("choices")
    }
    specs = []
    offset = 0
    for index, rows in enumerate(drafts):
        title, topic, _audience = themes[index]
        ids = [question.pk for question in questions[offset : offset + len(rows)]]
        offset += len(rows)
        quiz = _publish_quiz(index, title, topic, categories[title], ids, rng, author, bulk)
        snapshots = [(asked[pk], snapshot_question(asked[pk])) for pk in ids]
        specs.append(QuizSpec(quiz, snapshots, essays[index]))
    return specs


def _question(rng, topic, category, position, size, with_essay):
    """An unsaved bank question and its choices ``[(text, correct)]``."""
    context = rng.choice(CONTEXTS)
    if with_essay and position == size - 1:
        text = f"{context} is new to us. " + rng.choice(words.ESSAY_STEMS).format(topic=topic)
        return Question(kind=Kind.ESSAY, text=text, points=5, category=category), []
    draw = rng.random()
    if draw < 0.68:
        stem = rng.randrange(len(words.SINGLE_STEMS))
        text = f"{context} is at this step. " + words.SINGLE_STEMS[stem].format(topic=topic)
        wrong = rng.sample(words.SINGLE_WRONG, rng.randint(2, 4))
        choices = [(words.SINGLE_RIGHT[stem], True), *((w, False) for w in wrong)]
        rng.shuffle(choices)
        explanation = f"Our standard: {words.SINGLE_RIGHT[stem].lower()}."
        return Question(
            kind=Kind.SINGLE, text=text, explanation=explanation, category=category
        ), choices
    if draw < 0.83:
        statement, answer = rng.choice(words.TRUE_FALSE_STATEMENTS)
        return Question(
            kind=Kind.TRUE_FALSE,
            text=statement.format(topic=topic),
            true_false_answer=answer,
            category=category,
        ), []
    if draw < 0.94:
        right = rng.sample(words.MULTIPLE_RIGHT, rng.randint(2, 3))
        wrong = rng.sample(words.MULTIPLE_WRONG, rng.randint(1, 2))
        choices = [*((r, True) for r in right), *((w, False) for w in wrong)]
        rng.shuffle(choices)
        return Question(
            kind=Kind.MULTIPLE,
            text=rng.choice(words.MULTIPLE_STEMS).format(topic=topic),
            points=2,
            partial_credit=rng.random() < 0.5,
            category=category,
        ), choices
    text, accepted = rng.choice(words.SHORT_STEMS)
    return Question(
        kind=Kind.SHORT_TEXT,
        text=text.format(topic=topic),
        accepted_answers=accepted,
        category=category,
    ), []


def _publish_quiz(index, title, topic, category, question_ids, rng, author, bulk):
    quiz = Quiz(
        title=f"{title}: check {index + 1}",
        slug=f"{SLUG_PREFIX}{index + 1:03d}",
        description=f"Check what you know about {topic}.",
        category=category,
        pass_mark=rng.choice([60, 70, 70, 75, 80]),
        max_attempts=rng.choice([3, 3, 3, None]),
        show_answers=Quiz.ShowAnswers.AT_END,
        success_text="Passed: on to the next lesson.",
        fail_text="Read the lesson again, especially the takeaways, and retake the quiz.",
        live=False,
    )
    quiz.save()
    bulk.count(Quiz, 1)
    bulk.create(
        QuizQuestion,
        [
            QuizQuestion(quiz=quiz, question_id=pk, sort_order=order)
            for order, pk in enumerate(question_ids)
        ],
    )
    quiz = Quiz.objects.get(pk=quiz.pk)
    quiz.save_revision(user=author).publish()
    quiz.refresh_from_db()
    return quiz
