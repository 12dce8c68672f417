"""Reads of the lessons app: what a person sees on lesson, course and learning pages.

Each function states its query count, which does not grow with the number of
courses, lessons or records: pages come in one query per kind (bodies
deferred), the person's progress in one, quiz standings in one.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from quizzes import selectors as quiz_selectors
from standards import visibility
from standards.conf import role_id_of

from .models import CoursePage, LearningDay, LearningIndexPage, LessonPage, LessonProgress

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"


@dataclass
class LessonState:
    """One lesson as one person stands on it."""

    lesson: LessonPage
    progress: LessonProgress | None = None
    standing: quiz_selectors.Standing | None = None

    @property
    def status(self):
        if self.progress is None:
            return NOT_STARTED
        return COMPLETED if self.progress.completed_at else IN_PROGRESS

    @property
    def active_seconds(self):
        return self.progress.active_seconds if self.progress else 0

    @property
    def estimated_seconds(self):
        return self.lesson.estimated_minutes * 60

    @property
    def read_percent(self):
        """Active time as a share of the estimate, 0-100 (for a progress bar)."""
        return min(100, round(100 * self.active_seconds / self.estimated_seconds))

    @property
    def required_seconds(self):
        return self.lesson.required_read_seconds

    @property
    def read_enough(self):
        return self.active_seconds >= self.required_seconds

    @property
    def required_percent(self):
        """The reading needed to complete, as a share of the estimate (0-100)."""
        return min(100, round(100 * self.required_seconds / self.estimated_seconds))

    @property
    def required_minutes(self):
        """The reading needed to complete, in whole minutes rounded up."""
        return (self.required_seconds + 59) // 60

    @property
    def needs_quiz(self):
        """Whether passing the lesson's quiz is part of completing it."""
        return self.lesson.completion_rule == LessonPage.CompletionRule.READ_AND_PASSED

    @property
    def quiz_percent(self):
        counted = self.standing.counted if self.standing else None
        return counted.percent if counted else None


@dataclass
class CourseOutline:
    """A course's lessons in order with the person's standing on each."""

    course: CoursePage | None
    lessons: list = field(default_factory=list)
    for_person: bool = True

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for state in self.lessons if state.status == COMPLETED)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def estimated_minutes(self):
        return sum(state.lesson.estimated_minutes for state in self.lessons)

    @property
    def active_seconds(self):
        return sum(state.active_seconds for state in self.lessons)

    @property
    def is_complete(self):
        return bool(self.lessons) and self.done == self.total

    @property
    def started(self):
        return any(state.progress is not None for state in self.lessons)

    @property
    def next_lesson(self):
        """The first lesson in order that is not completed, or None."""
        return next((state for state in self.lessons if state.status != COMPLETED), None)

    @property
    def names_your_role(self):
        """Whether the course lists the person's role (not merely: is for everyone)."""
        return (
            self.for_person and self.course is not None and bool(self.course.audience_roles.all())
        )


@dataclass
class LearningOverview:
    index: LearningIndexPage | None
    courses: list = field(default_factory=list)
    standalone: CourseOutline | None = None

    @property
    def next_step(self):
        """What the person should do next: the next lesson of the first
        unfinished course meant for them (then of any course, then a
        stand-alone lesson)."""
        outlines = sorted(self.courses, key=lambda outline: not outline.for_person)
        if self.standalone is not None:
            outlines.append(self.standalone)
        for outline in outlines:
            if outline.next_lesson is not None:
                return outline.next_lesson
        return None

    @property
    def next_step_course(self):
        """The course of ``next_step`` (None for a stand-alone lesson or no step)."""
        step = self.next_step
        for outline in self.courses:
            if any(state is step for state in outline.lessons):
                return outline.course
        return None

    @property
    def has_lessons(self):
        """Whether any live lesson exists in the learning section."""
        return bool(self.standalone) or any(outline.lessons for outline in self.courses)


def _states(person, lessons):
    """LessonStates for ``lessons`` in their order. Two queries (progress, quiz standings);
    none for an anonymous person (a preview), who has no records."""
    if not getattr(person, "is_authenticated", False):
        return [LessonState(lesson) for lesson in lessons]
    progress = {
        row.lesson_ref: row
        for row in LessonProgress.objects.filter(
            person=person, lesson_ref__in=[lesson.pk for lesson in lessons]
        )
    }
    quizzes = {lesson.quiz_id: lesson.quiz for lesson in lessons if _quiz_open(lesson)}
    standings = quiz_selectors.standings(person, quizzes.values()) if quizzes else {}
    return [
        LessonState(lesson, progress.get(lesson.pk), standings.get(lesson.quiz_id))
        for lesson in lessons
    ]


def _quiz_open(lesson):
    """The lesson's quiz, when it is one a reader can take (live, not archived)."""
    quiz = lesson.quiz if lesson.quiz_id else None
    return quiz is not None and quiz.live and not quiz.archived


def _hidden(person):
    """Paths of the pages ``person`` may not open (two or three queries)."""
    if not getattr(person, "is_authenticated", False):
        return []
    return visibility.hidden_paths(person)


def _lessons_under(page, hidden, *, children_only):
    """The live lessons under ``page`` outside the ``hidden`` paths, in tree
    order, bodies deferred. One query."""
    lessons = LessonPage.objects.live().defer_streamfields().select_related("quiz")
    lessons = lessons.child_of(page) if children_only else lessons.descendant_of(page)
    return list(visibility.exclude_paths(lessons, hidden).order_by("path"))


def course_outline(course, person):
    """The course's live lessons the person may open, with their standing.
    Six queries whatever the size (seven when some page has a view restriction)."""
    lessons = _lessons_under(course, _hidden(person), children_only=True)
    outline = CourseOutline(course, _states(person, lessons))
    outline.for_person = _is_for(course, role_id_of(person))
    return outline


def _is_for(course, role_id):
    role_ids = [role.pk for role in course.audience_roles.all()]
    return not role_ids or role_id in role_ids


def learning_overview(person, index=None):
    """Every live course under the learning section (courses for the person's
    role first), each with its lessons and the person's standing, and the
    stand-alone lessons. Eight queries whatever the size, seven given ``index``
    (one more when some page has a view restriction)."""
    if index is None:
        index = LearningIndexPage.objects.live().first()
        if index is None:
            return LearningOverview(None)
    hidden = _hidden(person)
    courses = list(
        visibility.exclude_paths(CoursePage.objects.child_of(index).live(), hidden)
        .prefetch_related("audience_roles")
        .order_by("path")
    )
    states = _states(person, _lessons_under(index, hidden, children_only=False))
    by_parent = {}
    for state in states:
        by_parent.setdefault(state.lesson.path[: -LessonPage.steplen], []).append(state)
    role_id = role_id_of(person)
    outlines = [
        CourseOutline(course, by_parent.get(course.path, []), _is_for(course, role_id))
        for course in courses
    ]
    outlines.sort(key=lambda outline: not outline.for_person)
    standalone = by_parent.get(index.path)
    return LearningOverview(
        index, outlines, CourseOutline(None, standalone) if standalone else None
    )


@dataclass
class LessonView:
    """Everything the lesson page shows about the reader and the lesson's place."""

    state: LessonState
    outline: CourseOutline | None
    previous: LessonPage | None = None
    next: LessonPage | None = None


def lesson_view(lesson, person):
    """The lesson's state for the reader and, in a course, the course's outline
    with previous / next. Six queries in a course (one more when some page has
    a view restriction); three outside one, plus one when ``lesson`` was loaded
    without its quiz."""
    parent = lesson.get_parent().specific_deferred
    if isinstance(parent, CoursePage):
        siblings = _lessons_under(parent, _hidden(person), children_only=True)
        states = _states(person, siblings)
        outline = CourseOutline(parent, states)
        position = next((i for i, s in enumerate(states) if s.lesson.pk == lesson.pk), None)
        if position is not None:
            state = states[position]
            previous = states[position - 1].lesson if position > 0 else None
            following = states[position + 1].lesson if position + 1 < len(states) else None
            return LessonView(state, outline, previous, following)
    # Stand-alone, or a draft not among its live siblings (an editor's preview).
    (state,) = _states(person, [lesson])
    return LessonView(state, None)


def progress_of(person, lesson):
    """The person's record on the lesson, or None. One query."""
    return LessonProgress.objects.filter(person=person, lesson_ref=lesson.pk).first()


def time_per_day(person, *, days=28, today=None):
    """[(day, seconds)] of active learning for each of the last ``days`` days,
    oldest first, days without learning as 0. One query."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    totals = dict(
        LearningDay.objects.filter(person=person, day__gte=first, day__lte=today)
        .values("day")
        .annotate(total=Sum("seconds"))
        .values_list("day", "total")
    )
    span = [first + timedelta(days=n) for n in range(days)]
    return [(day, totals.get(day, 0)) for day in span]


@dataclass(frozen=True)
class CourseStanding:
    """How far a person is through a course's live lessons."""

    total: int
    completed: int
    started: int

    @property
    def done(self):
        return self.total > 0 and self.completed == self.total


def plan_progress(person, *, lesson_ids=(), courses=()):
    """The person's records on ``lesson_ids`` and their standing in ``courses``:
    ``({lesson_id: LessonProgress}, {course_id: CourseStanding})``. Records
    are found by lesson id, so they outlive a deleted lesson. Two queries
    (one when there are no courses), whatever the number of lessons."""
    return plan_progress_of_people([person], lesson_ids=lesson_ids, courses=courses)[person.pk]


def plan_progress_of_people(people, *, lesson_ids=(), courses=()):
    """``plan_progress`` for many people: {person_id: (records, standings)}.
    Two queries (one when there are no courses), whatever the number of
    people or lessons."""
    courses = [course for course in courses if course is not None]
    course_lessons = {}
    if courses:
        in_any = Q()
        for course in courses:
            in_any |= Q(path__startswith=course.path, depth=course.depth + 1)
        for pk, path in LessonPage.objects.live().filter(in_any).values_list("pk", "path"):
            course_lessons.setdefault(path[: -LessonPage.steplen], []).append(pk)
    refs = set(lesson_ids) | {pk for pks in course_lessons.values() for pk in pks}
    person_ids = [getattr(person, "pk", person) for person in people]
    records = {person_id: {} for person_id in person_ids}
    if refs:
        for row in LessonProgress.objects.filter(person_id__in=person_ids, lesson_ref__in=refs):
            records[row.person_id][row.lesson_ref] = row
    result = {}
    for person_id in person_ids:
        mine = records[person_id]
        standings = {}
        for course in courses:
            pks = course_lessons.get(course.path, [])
            rows = [mine[pk] for pk in pks if pk in mine]
            standings[course.pk] = CourseStanding(
                total=len(pks),
                completed=sum(1 for row in rows if row.completed_at is not None),
                started=len(rows),
            )
        result[person_id] = (mine, standings)
    return result


@dataclass(frozen=True)
class CatalogueLesson:
    """A live lesson of the learning section, as lists and tables need it."""

    pk: int
    title: str
    path: str
    course_id: int | None  # None: a stand-alone lesson
    estimated_seconds: int
    quiz_id: int | None


@dataclass
class Catalogue:
    """Every live lesson in tree order, with its course and who the course is for."""

    lessons: list = field(default_factory=list)
    courses: dict = field(default_factory=dict)  # course id -> title
    course_roles: dict = field(default_factory=dict)  # course id -> set of role ids (empty: all)

    def for_role(self, role_id):
        """The lessons meant for people of ``role_id``: those in courses for
        everyone or naming the role, and the stand-alone ones."""
        return [
            lesson
            for lesson in self.lessons
            if lesson.course_id is None
            or not self.course_roles.get(lesson.course_id)
            or role_id in self.course_roles[lesson.course_id]
        ]

    @property
    def by_pk(self):
        return {lesson.pk: lesson for lesson in self.lessons}


def catalogue():
    """The ``Catalogue`` of live lessons under the learning section. Three
    queries whatever the number of courses and lessons (view restrictions
    are not applied: this is for managers' and Sales Ops' tables)."""
    index = LearningIndexPage.objects.live().only("path", "depth").first()
    if index is None:
        return Catalogue()
    courses = {
        pk: (title, path)
        for pk, title, path in CoursePage.objects.live()
        .descendant_of(index)
        .values_list("pk", "title", "path")
    }
    by_path = {path: pk for pk, (_title, path) in courses.items()}
    course_roles = {pk: set() for pk in courses}
    for course_id, role_id in CoursePage.audience_roles.through.objects.filter(
        coursepage_id__in=list(courses)
    ).values_list("coursepage_id", "page_id"):
        course_roles[course_id].add(role_id)
    lessons = [
        CatalogueLesson(
            pk=pk,
            title=title,
            path=path,
            course_id=by_path.get(path[: -LessonPage.steplen]),
            estimated_seconds=minutes * 60,
            quiz_id=quiz_id,
        )
        for pk, title, path, minutes, quiz_id in LessonPage.objects.live()
        .descendant_of(index)
        .order_by("path")
        .values_list("pk", "title", "path", "estimated_minutes", "quiz_id")
    ]
    return Catalogue(lessons, {pk: title for pk, (title, _p) in courses.items()}, course_roles)


def progress_of_people(people):
    """{person_id: [LessonProgress]}: every lesson record of ``people``
    (kept by lesson id, deleted lessons included). One query."""
    result = {}
    for row in LessonProgress.objects.filter(person__in=people).only(
        "person_id",
        "lesson_ref",
        "lesson_title",
        "active_seconds",
        "completed_at",
        "last_active_at",
    ):
        result.setdefault(row.person_id, []).append(row)
    return result


def learning_seconds_since(people, since):
    """{person_id: active seconds} learnt on or after the day ``since``. One query."""
    return dict(
        LearningDay.objects.filter(person__in=people, day__gte=since)
        .values("person_id")
        .annotate(total=Sum("seconds"))
        .values_list("person_id", "total")
    )
