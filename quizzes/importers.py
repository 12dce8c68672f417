"""Import the quizzes of a django-quiz-app site from its ``dumpdata`` JSON.

``parse_dump`` reads and checks the whole file first (shape, field types,
references between objects, limits of our models) and lists every problem it
finds; ``import_dump`` then writes everything in one transaction, so a bad
file imports nothing. ``import_django_quiz`` does both.

What is read: ``quiz.category``, ``quiz.subcategory``, ``quiz.quiz``,
``quiz.question`` and its typed children ``multichoice.mcquestion`` (with
``multichoice.answer``), ``true_false.tf_question`` and
``essay.essay_question`` (multi-table inheritance: a child has the pk of its
``quiz.question``). Sittings, progress and other apps' models (users...)
are counted and left out: past results stay with the old site. Any other
model of django-quiz-app's apps is refused, as a typo or a version this
import does not read (the 2022 one with django-parler translations). Question
figures are not copied (the dump holds only their file names); they are
reported so that an editor can add the images.

Running the same file twice creates nothing new. Matching:
- categories by name, sub-categories by (category, name);
- quizzes by slug (django-quiz's ``url``); an existing quiz is left as it is;
- questions by content: same text, kind, category, sub-category,
  explanation, true/false answer, choice order and choices. A question
  edited since the last import is imported again as a new bank question.

A field added in a later django-quiz-app version (``max_questions``,
``single_attempt``, ``draft``, ``sub_category``...) may be absent from an
older dump; it then takes django-quiz-app's default. Fields without a
default (a quiz's title and url, a question's or answer's content, a
category's name) are required.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Category, Choice, Question, Quiz, QuizQuestion, SubCategory

CATEGORY = "quiz.category"
SUB_CATEGORY = "quiz.subcategory"
QUIZ = "quiz.quiz"
QUESTION = "quiz.question"
MC_QUESTION = "multichoice.mcquestion"
MC_ANSWER = "multichoice.answer"
TF_QUESTION = "true_false.tf_question"
ESSAY_QUESTION = "essay.essay_question"
MODELS = (
    CATEGORY,
    SUB_CATEGORY,
    QUIZ,
    QUESTION,
    MC_QUESTION,
    MC_ANSWER,
    TF_QUESTION,
    ESSAY_QUESTION,
)
QUESTION_TYPES = (MC_QUESTION, TF_QUESTION, ESSAY_QUESTION)
QUIZ_APPS = {"quiz", "multichoice", "true_false", "essay"}
RESULTS = {"quiz.sitting", "quiz.progress"}  # left out: results stay with the old site
CHOICE_ORDERS = {
    "content": Question.ChoiceOrder.ALPHABETICAL,
    "random": Question.ChoiceOrder.RANDOM,
    "none": Question.ChoiceOrder.AS_ENTERED,
    None: Question.ChoiceOrder.AS_ENTERED,
    "": Question.ChoiceOrder.AS_ENTERED,
}
MAX_PROBLEMS_SHOWN = 20
_MISSING = object()


class DumpError(ValueError):
    """The file cannot be imported; ``problems`` lists what is wrong with it."""

    def __init__(self, message, problems=()):
        self.message = message
        self.problems = list(problems)
        lines = [message] + [f"  - {problem}" for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(
                "  "
                + _("... and %(count)d more.") % {"count": len(self.problems) - MAX_PROBLEMS_SHOWN}
            )
        super().__init__("\n".join(lines))


@dataclass
class SourceQuestion:
    pk: int
    text: str
    explanation: str
    category: int | None
    sub_category: int | None
    quizzes: list
    figure: str
    kind: str = ""
    choice_order: str = Question.ChoiceOrder.AS_ENTERED
    true_false_answer: bool | None = None
    choices: list = field(default_factory=list)  # [(answer pk, text, correct)]


@dataclass
class Dump:
    """The checked content of a dump, keyed by the source site's pks."""

    categories: dict = field(default_factory=dict)  # pk -> name
    sub_categories: dict = field(default_factory=dict)  # pk -> (name, category pk)
    quizzes: dict = field(default_factory=dict)  # pk -> dict of our Quiz fields + "category"
    questions: dict = field(default_factory=dict)  # pk -> SourceQuestion
    ignored: Counter = field(default_factory=Counter)  # model label -> objects left out


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    published: int = 0
    drafts: int = 0
    several_correct: int = 0
    figures: list = field(default_factory=list)  # source pks of questions with a figure
    ignored: Counter = field(default_factory=Counter)


class _Entry:
    """One object of the dump, with typed access to its fields; problems go to ``errors``."""

    def __init__(self, model, pk, fields, errors):
        self.model, self.pk, self.fields, self.errors = model, pk, fields, errors

    @property
    def label(self):
        return f"{self.model} pk={self.pk}"

    def problem(self, message):
        self.errors.append(f"{self.label}: {message}")

    def _get(self, name, default):
        value = self.fields.get(name, default)
        if value is _MISSING:
            self.problem(_('the field "%(field)s" is missing.') % {"field": name})
        return value

    def text(self, name, *, default=_MISSING, max_length=None, required=False):
        value = self._get(name, default)
        if value is _MISSING:
            return ""
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(_('"%(field)s" must be text.') % {"field": name})
            return ""
        value = value.strip() if required else value
        if required and not value:
            self.problem(_('"%(field)s" is empty.') % {"field": name})
        elif max_length and len(value) > max_length:
            self.problem(
                _('"%(field)s" is longer than %(max)d characters.')
                % {"field": name, "max": max_length}
            )
        return value

    def boolean(self, name, *, default):
        value = self._get(name, default)
        if not isinstance(value, bool):
            self.problem(_('"%(field)s" must be true or false.') % {"field": name})
            return default
        return value

    def number(self, name, *, default, minimum, maximum):
        value = self._get(name, default)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (minimum <= value <= maximum)
        ):
            self.problem(
                _('"%(field)s" must be a whole number from %(min)d to %(max)d.')
                % {"field": name, "min": minimum, "max": maximum}
            )
            return None
        return value

    def reference(self, name, targets, target_model, *, default=None):
        value = self._get(name, default)
        if value is None or value is _MISSING:
            return None
        return value if self._check_target(name, value, targets, target_model) else None

    def references(self, name, targets, target_model):
        value = self._get(name, [])
        if not isinstance(value, list):
            self.problem(_('"%(field)s" must be a list of pks.') % {"field": name})
            return []
        pks = []
        for pk in value:
            if self._check_target(name, pk, targets, target_model) and pk not in pks:
                pks.append(pk)
        return pks

    def _check_target(self, name, pk, targets, target_model):
        if isinstance(pk, bool) or not isinstance(pk, int) or pk not in targets:
            self.problem(
                _('"%(field)s" refers to %(model)s pk=%(pk)s, which is not in the file.')
                % {"field": name, "model": target_model, "pk": json.dumps(pk)}
            )
            return False
        return True


def _entries(data, errors):
    """{model label: {pk: _Entry}} of the models we import, and a count of the others."""
    if not isinstance(data, list):
        raise DumpError(_("The file is not a dumpdata export: it must hold a JSON list."))
    entries = {model: {} for model in MODELS}
    ignored = Counter()
    for index, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("model"), str):
            errors.append(_("Object %(index)d has no model name.") % {"index": index})
            continue
        model = item["model"].lower()
        if model not in entries:
            if model.partition(".")[0] in QUIZ_APPS and model not in RESULTS:
                errors.append(_unknown_model(model))
            ignored[model] += 1
            continue
        pk, fields = item.get("pk"), item.get("fields")
        if isinstance(pk, bool) or not isinstance(pk, int):
            errors.append(
                _(
                    "Object %(index)d (%(model)s) has no whole-number pk; "
                    "export without --natural-primary."
                )
                % {"index": index, "model": model}
            )
            continue
        if not isinstance(fields, dict):
            errors.append(_("%(model)s pk=%(pk)d has no fields.") % {"model": model, "pk": pk})
            continue
        if pk in entries[model]:
            errors.append(_("%(model)s pk=%(pk)d appears twice.") % {"model": model, "pk": pk})
            continue
        entries[model][pk] = _Entry(model, pk, fields, errors)
    return entries, ignored


def _unknown_model(model):
    if model.endswith("translation"):
        return _(
            "%(model)s: this dump comes from a django-quiz-app version with translated "
            "fields (django-parler), which this import does not read."
        ) % {"model": model}
    return _("%(model)s is not a django-quiz-app model this import knows.") % {"model": model}


def parse_dump(text):
    """Read and check a django-quiz-app dump; returns a ``Dump`` or raises ``DumpError``
    listing every problem found. Reads no database."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as error:
        raise DumpError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    errors = []
    entries, ignored = _entries(data, errors)
    dump = Dump(ignored=ignored)
    name_limit = Category._meta.get_field("name").max_length

    for pk, entry in entries[CATEGORY].items():
        dump.categories[pk] = entry.text("category", required=True, max_length=name_limit)
    for pk, entry in entries[SUB_CATEGORY].items():
        name = entry.text("sub_category", required=True, max_length=name_limit)
        category = entry.reference("category", dump.categories, CATEGORY, default=_MISSING)
        if category is None and "category" in entry.fields and entry.fields["category"] is None:
            entry.problem(_("a sub-category must belong to a category."))
        dump.sub_categories[pk] = (name, category)

    slugs = {}
    for pk, entry in entries[QUIZ].items():
        quiz = _parse_quiz(entry, dump)
        if quiz["slug"] in slugs:
            entry.problem(
                _('the url "%(slug)s" is also used by quiz.quiz pk=%(other)d.')
                % {"slug": quiz["slug"], "other": slugs[quiz["slug"]]}
            )
        slugs.setdefault(quiz["slug"], pk)
        dump.quizzes[pk] = quiz

    for pk, entry in entries[QUESTION].items():
        dump.questions[pk] = _parse_question(entry, dump)
    _parse_question_types(entries, dump, errors)
    if errors:
        raise DumpError(_("Nothing was imported. Fix the file and run the import again:"), errors)
    return dump


def _parse_quiz(entry, dump):
    title_limit = Quiz._meta.get_field("title").max_length
    slug = entry.text("url", required=True, max_length=Quiz._meta.get_field("slug").max_length)
    if slug:
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            entry.problem(_('the url "%(slug)s" is not a valid slug.') % {"slug": slug})
    max_questions = entry.number("max_questions", default=None, minimum=0, maximum=32767)
    entry.boolean("exam_paper", default=False)  # checked, then dropped: we always store attempts
    return {
        "title": entry.text("title", required=True, max_length=title_limit),
        "slug": slug,
        "description": entry.text("description", default=""),
        "category": entry.reference("category", dump.categories, CATEGORY),
        "random_order": entry.boolean("random_order", default=False),
        "max_questions": max_questions or None,  # django-quiz reads 0 as "all of them"
        "show_answers": (
            Quiz.ShowAnswers.AT_END
            if entry.boolean("answers_at_end", default=False)
            else Quiz.ShowAnswers.AFTER_EACH
        ),
        "max_attempts": 1 if entry.boolean("single_attempt", default=False) else None,
        "pass_mark": entry.number("pass_mark", default=0, minimum=0, maximum=100) or 0,
        "success_text": entry.text("success_text", default=""),
        "fail_text": entry.text("fail_text", default=""),
        "live": not entry.boolean("draft", default=False),
    }


def _parse_question(entry, dump):
    category = entry.reference("category", dump.categories, CATEGORY)
    sub_category = entry.reference("sub_category", dump.sub_categories, SUB_CATEGORY)
    if sub_category is not None:
        sub_parent = dump.sub_categories[sub_category][1]
        if category is None:
            category = sub_parent  # our sub-categories always sit under their category
        elif sub_parent != category:
            entry.problem(_("its sub-category belongs to another category."))
    return SourceQuestion(
        pk=entry.pk,
        text=entry.text("content", required=True),
        explanation=entry.text("explanation", default=""),
        category=category,
        sub_category=sub_category,
        quizzes=entry.references("quiz", dump.quizzes, QUIZ),
        figure=entry.text("figure", default=""),
    )


def _parse_question_types(entries, dump, errors):
    """Give each question its kind from its typed child, and choices to choice questions."""
    for model in QUESTION_TYPES:
        for pk, entry in entries[model].items():
            question = dump.questions.get(pk)
            if question is None:
                entry.problem(_("there is no quiz.question with the same pk (its base question)."))
                continue
            if question.kind:
                entry.problem(_("the question already has another type."))
                continue
            if model == MC_QUESTION:
                order = entry.fields.get("answer_order")
                if order not in CHOICE_ORDERS:
                    entry.problem(_('"answer_order" must be "content", "random", "none" or null.'))
                question.kind = Question.Kind.SINGLE
                question.choice_order = CHOICE_ORDERS.get(order, Question.ChoiceOrder.AS_ENTERED)
            elif model == TF_QUESTION:
                question.kind = Question.Kind.TRUE_FALSE
                question.true_false_answer = entry.boolean("correct", default=False)
            else:
                question.kind = Question.Kind.ESSAY

    choice_limit = Choice._meta.get_field("text").max_length
    for pk, entry in sorted(entries[MC_ANSWER].items()):
        owner = entry.reference("question", entries[MC_QUESTION], MC_QUESTION, default=_MISSING)
        text = entry.text("content", required=True, max_length=choice_limit)
        correct = entry.boolean("correct", default=False)
        if owner is not None and owner in dump.questions:
            dump.questions[owner].choices.append((pk, text, correct))

    for pk, question in dump.questions.items():
        label = f"{QUESTION} pk={pk}"
        if not question.kind:
            errors.append(
                _(
                    "%(question)s: it has no type (no multichoice.mcquestion, "
                    "true_false.tf_question or essay.essay_question with its pk)."
                )
                % {"question": label}
            )
        elif question.kind == Question.Kind.SINGLE:
            correct = sum(1 for _pk, _text, right in question.choices if right)
            if len(question.choices) < 2:
                errors.append(
                    _("%(question)s: a multiple-choice question needs at least two answers.")
                    % {"question": label}
                )
            elif not correct:
                errors.append(
                    _("%(question)s: none of its answers is marked correct.") % {"question": label}
                )
            elif correct > 1:
                question.kind = Question.Kind.MULTIPLE


def _fingerprint(question):
    """What makes two bank questions the same question, for matching on a second run."""
    return (
        question.text,
        question.kind,
        question.category_id,
        question.sub_category_id,
        question.explanation,
        question.true_false_answer,
        question.choice_order,
        tuple((choice.text, choice.is_correct) for choice in question.choices.all()),
    )


def import_dump(dump):
    """Create what the checked dump holds and we do not have yet, in one
    transaction; returns an ``ImportReport``. Raises ``DumpError`` (having
    written nothing) if our models refuse something."""
    report = ImportReport(ignored=dump.ignored)
    try:
        with transaction.atomic():
            categories = _import_categories(dump, report)
            sub_categories = _import_sub_categories(dump, categories, report)
            questions = _import_questions(dump, categories, sub_categories, report)
            _import_quizzes(dump, categories, questions, report)
    except (ValidationError, IntegrityError) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        raise DumpError(_("Nothing was imported: the data does not fit."), messages) from error
    return report


def _import_categories(dump, report):
    names = set(dump.categories.values())
    by_name = {c.name: c for c in Category.objects.filter(name__in=names)}
    report.existing["categories"] = len(by_name)
    for name in sorted(names - set(by_name)):
        by_name[name] = Category.objects.create(name=name)
        report.created["categories"] += 1
    return {pk: by_name[name] for pk, name in dump.categories.items()}


def _import_sub_categories(dump, categories, report):
    found = {}
    for _pk, (name, category_pk) in sorted(dump.sub_categories.items()):
        category = categories[category_pk]
        key = (category.pk, name)
        if key not in found:
            sub, created = SubCategory.objects.get_or_create(category=category, name=name)
            (report.created if created else report.existing)["sub_categories"] += 1
            found[key] = sub
    return {pk: found[(categories[c].pk, name)] for pk, (name, c) in dump.sub_categories.items()}


def _import_questions(dump, categories, sub_categories, report):
    texts = {question.text for question in dump.questions.values()}
    known = {
        _fingerprint(question): question
        for question in Question.objects.filter(text__in=texts)
        .prefetch_related("choices")
        .order_by("pk")
    }
    result, seen = {}, set()
    for pk, source in sorted(dump.questions.items()):
        if source.figure:
            report.figures.append(pk)
        if source.kind == Question.Kind.MULTIPLE:
            report.several_correct += 1
        question = Question(
            kind=source.kind,
            text=source.text,
            explanation=source.explanation,
            category=categories.get(source.category),
            sub_category=sub_categories.get(source.sub_category),
            choice_order=source.choice_order,
            true_false_answer=source.true_false_answer,
            choices=[
                Choice(text=text, is_correct=correct, sort_order=order)
                for order, (_pk, text, correct) in enumerate(source.choices)
            ],
        )
        key = _fingerprint(question)
        if key in known:
            question = known[key]
            report.existing["questions"] += key not in seen
        else:
            question.full_clean()
            question.save()
            known[key] = question
            report.created["questions"] += 1
            report.created["choices"] += len(source.choices)
        seen.add(key)
        result[pk] = question
    return result


def _import_quizzes(dump, categories, questions, report):
    existing = set(
        Quiz.objects.filter(slug__in=[quiz["slug"] for quiz in dump.quizzes.values()]).values_list(
            "slug", flat=True
        )
    )
    for pk, source in sorted(dump.quizzes.items()):
        if source["slug"] in existing:
            report.existing["quizzes"] += 1
            continue
        # django-quiz asks a quiz's questions in pk order (its many-to-many).
        ordered = []
        for question_pk in sorted(q for q, s in dump.questions.items() if pk in s.quizzes):
            if questions[question_pk] not in ordered:
                ordered.append(questions[question_pk])
        fields = {k: v for k, v in source.items() if k != "live"}
        fields["category"] = categories.get(source["category"])
        quiz = Quiz(
            **fields,
            live=False,
            quiz_questions=[
                QuizQuestion(question=question, sort_order=order)
                for order, question in enumerate(ordered)
            ],
        )
        quiz.full_clean()
        quiz.save()
        revision = quiz.save_revision()
        if source["live"]:
            revision.publish()
            report.published += 1
        else:
            report.drafts += 1
        report.created["quizzes"] += 1


def import_django_quiz(text):
    """Check the dump, then import it; returns an ``ImportReport`` or raises ``DumpError``."""
    return import_dump(parse_dump(text))
