"""factory-boy factories for the whole suite. Values are computed lazily per
instance (sequences, LazyFunction), never at import time."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from salesmap.people import groups

TEST_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    group = factory.PostGeneration(lambda person, create, extracted, **kw: _join(person, extracted))


def _join(person, group_name):
    """Save the password set above, then put the person in ``group_name``."""
    person.save()
    if group_name:
        person.groups.add(Group.objects.get(name=group_name))


def _group_default(name):
    return factory.PostGeneration(
        lambda person, create, extracted, **kw: _join(person, extracted or name)
    )


class NewHireFactory(UserFactory):
    group = _group_default(groups.NEW_HIRES)


class ManagerFactory(UserFactory):
    group = _group_default(groups.MANAGERS)


class SalesOpsFactory(UserFactory):
    group = _group_default(groups.SALES_OPS)


def roles_index():
    """The roles index under the Sales Map home, created on first use."""
    from salesmap.home.models import SalesMapHomePage
    from salesmap.progression.models import RolesIndexPage

    home = SalesMapHomePage.objects.get()
    existing = RolesIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    return home.add_child(instance=RolesIndexPage(title="Roles and levels", slug="roles"))


class _ChildPageFactory(factory.django.DjangoModelFactory):
    """A Wagtail page added under ``parent`` (treebeard needs add_child, not save)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        return parent.add_child(instance=model_class(*args, **kwargs))


class RolePageFactory(_ChildPageFactory):
    class Meta:
        model = "progression.RolePage"

    parent = factory.LazyFunction(roles_index)
    short_name = factory.Sequence(lambda n: f"R{n}")
    title = factory.LazyAttribute(lambda o: f"Role {o.short_name}")
    slug = factory.Sequence(lambda n: f"role-{n}")


class LevelPageFactory(_ChildPageFactory):
    """A level of ``parent`` (a RolePage, required)."""

    class Meta:
        model = "progression.LevelPage"

    short_name = factory.Sequence(lambda n: f"L{n}")
    title = factory.LazyAttribute(lambda o: o.short_name)
    slug = factory.Sequence(lambda n: f"level-{n}")


class SalesOpsLeadFactory(UserFactory):
    group = _group_default(groups.SALES_OPS_LEADS)


def _section(model_path, title, slug):
    """A section page under the Sales Map home (created and published on first use)."""
    from django.apps import apps

    from salesmap.home.models import SalesMapHomePage

    model = apps.get_model(model_path)
    home = SalesMapHomePage.objects.get()
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = home.add_child(instance=model(title=title, slug=slug))
    page.save_revision().publish()
    return page


def funnel():
    return _section("standards.FunnelPage", "Funnel", "funnel")


def norms_index():
    return _section("standards.NormsIndexPage", "Norms and rules", "norms")


def knowledge_index():
    return _section("knowledge.KnowledgeIndexPage", "Knowledge base", "knowledge")


class _PublishedChildPageFactory(_ChildPageFactory):
    """A child page that is also published (so it has a live revision and a review row)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = super()._create(model_class, *args, parent=parent, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class FunnelStageFactory(_PublishedChildPageFactory):
    class Meta:
        model = "standards.FunnelStagePage"

    parent = factory.LazyFunction(funnel)
    title = factory.Sequence(lambda n: f"Stage {n}")
    slug = factory.Sequence(lambda n: f"stage-{n}")
    summary = "Where deals wait for the next step."
    recommended_days = 3


class NormsTopicFactory(_PublishedChildPageFactory):
    class Meta:
        model = "standards.NormsTopicPage"

    parent = factory.LazyFunction(norms_index)
    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class KnowledgeArticleFactory(_PublishedChildPageFactory):
    class Meta:
        model = "knowledge.KnowledgeArticlePage"

    parent = factory.LazyFunction(knowledge_index)
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "What a rep needs to know."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text.</p>")])


# The quiz engine ------------------------------------------------------------


class QuizCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Category"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Category {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question; ``choices=[("text", correct), ...]`` adds its choices."""

    class Meta:
        model = "quizzes.Question"
        skip_postgeneration_save = True

    kind = "single"
    text = factory.Sequence(lambda n: f"Question {n}?")
    points = 1

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        from quizzes.models import Choice

        if not create:
            return
        if extracted is None:
            if self.kind not in ("single", "multiple"):
                return
            extracted = [("Right", True), ("Wrong", False), ("Also wrong", False)]
        for order, (text, correct) in enumerate(extracted):
            Choice.objects.create(question=self, text=text, is_correct=correct, sort_order=order)


class QuizFactory(factory.django.DjangoModelFactory):
    """A published quiz; ``questions=[question, ...]`` places bank questions in order."""

    class Meta:
        model = "quizzes.Quiz"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    pass_mark = 50
    live = True

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        from quizzes.models import QuizQuestion

        if not create or not extracted:
            return
        for order, question in enumerate(extracted):
            QuizQuestion.objects.create(quiz=self, question=question, sort_order=order)


# Lessons --------------------------------------------------------------------


def learning_index():
    """The learning section under the Sales Map home (created and published on first use)."""
    return _section("lessons.LearningIndexPage", "Learning", "learning")


class CourseFactory(_PublishedChildPageFactory):
    """A published course under the learning section; ``audience_roles=[role, ...]``
    makes it a course for those roles (published with them)."""

    class Meta:
        model = "lessons.CoursePage"
        skip_postgeneration_save = True

    parent = factory.LazyFunction(learning_index)
    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")

    @factory.post_generation
    def audience_roles(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        self.audience_roles = list(extracted)
        self.save_revision().publish()
        self.refresh_from_db()


class LessonFactory(_PublishedChildPageFactory):
    """A published lesson; stand-alone under the learning section unless
    ``parent=course``. ``quiz=`` and ``completion_rule=`` set how it completes."""

    class Meta:
        model = "lessons.LessonPage"

    parent = factory.LazyFunction(learning_index)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "What the lesson teaches."
    estimated_minutes = 10
    completion_rule = "read"
    min_read_percent = 50
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Lesson text.</p>")])
