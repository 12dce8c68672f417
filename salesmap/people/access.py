"""Who may see whose data: the one place that decides it.

Views and other apps ask this module; they never walk reporting lines
themselves. Checks are expressed as querysets so that they run inside the
query (``filter`` by what the viewer may see): a person outside the viewer's
scope is simply not found, which views turn into a 404.

Rules:
- Sales Ops (and superusers) see everyone.
- A manager sees their direct reports, their reports' reports, and so on down.
- Everybody sees themself; a new hire sees only themself.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from standards import visibility

from . import groups

# The names of the user's groups, fetched once per user object (one query),
# shared with the page-visibility checks of the lower layers.
group_names = visibility.group_names


def is_sales_ops(user):
    return user.is_authenticated and (
        user.is_superuser or not group_names(user).isdisjoint(groups.SALES_OPS_GROUPS)
    )


def is_manager(user):
    return user.is_authenticated and groups.MANAGERS in group_names(user)


def may_enter_admin(user):
    """Only Sales Ops edit the Sales Map; new hires and managers never enter the admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _subtree_sql(manager_id):
    """SQL selecting the ids of everyone below ``manager_id`` in the reporting line.

    A recursive CTE (SQLite and PostgreSQL both have it): one query whatever
    the depth or size of the tree. UNION (not UNION ALL) stops on a cycle.
    """
    table = get_user_model()._meta.db_table
    sql = (
        # The table name is ours; values are parameters.
        f"WITH RECURSIVE subtree(id) AS ("  # noqa: S608 # nosec B608
        f" SELECT id FROM {table} WHERE manager_id = %s"
        f" UNION"
        f" SELECT u.id FROM {table} u JOIN subtree s ON u.manager_id = s.id"
        f") SELECT id FROM subtree"
    )
    return RawSQL(sql, (manager_id,))  # noqa: S611 # nosec B611


def managers_above(person_id):
    """Ids of everyone above ``person_id`` in the reporting line, including
    their own manager chain's top; one query."""
    if person_id is None:
        return set()
    table = get_user_model()._meta.db_table
    sql = (
        f"WITH RECURSIVE chain(id, manager_id) AS ("  # noqa: S608 # nosec B608
        f" SELECT id, manager_id FROM {table} WHERE id = %s"
        f" UNION"
        f" SELECT u.id, u.manager_id FROM {table} u JOIN chain c ON u.id = c.manager_id"
        f") SELECT id FROM chain"
    )
    User = get_user_model()
    ids = RawSQL(sql, (person_id,))  # noqa: S611 # nosec B611
    # Unordered: the model's default ordering would make the database sort
    # (and so read) the whole people table for a set of a few ids.
    return set(User.objects.filter(pk__in=ids).order_by().values_list("pk", flat=True))


def visible_people(viewer):
    """Everyone whose data ``viewer`` may see, as a queryset (themself included)."""
    User = get_user_model()
    if not viewer.is_authenticated:
        return User.objects.none()
    if is_sales_ops(viewer):
        return User.objects.all()
    return User.objects.filter(Q(pk=viewer.pk) | Q(pk__in=_subtree_sql(viewer.pk)))


def team_of(manager, *, whole_subtree=False):
    """A manager's people: direct reports, or everyone below them."""
    User = get_user_model()
    if not manager.is_authenticated:
        return User.objects.none()
    if whole_subtree:
        return User.objects.filter(pk__in=_subtree_sql(manager.pk))
    return User.objects.filter(manager=manager)


def can_view_person(viewer, person):
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk or is_sales_ops(viewer):
        return True
    return visible_people(viewer).filter(pk=person.pk).exists()


def get_visible_person_or_404(viewer, pk, queryset=None):
    """The person ``pk`` if ``viewer`` may see them, else Http404 (never a 403
    that would confirm the person exists)."""
    qs = visible_people(viewer) if queryset is None else queryset & visible_people(viewer)
    return get_object_or_404(qs, pk=pk)


def can_manage_person(viewer, person):
    """May ``viewer`` act on ``person`` as their manager (sign off, waive, evaluate)?
    Their managers up the line and Sales Ops may; the person themself may not."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return False
    return is_sales_ops(viewer) or viewer.pk in managers_above(person.manager_id)


def may_open_team_view(user):
    """The team pages are for managers and Sales Ops; new hires get 403."""
    return is_manager(user) or is_sales_ops(user)


def people_for_team_view(viewer, *, whole_subtree=False):
    """Whom the team pages list for ``viewer``: Sales Ops see the department
    (everyone but themself); a manager sees their reports or subtree."""
    User = get_user_model()
    if is_sales_ops(viewer):
        return User.objects.filter(is_active=True).exclude(pk=viewer.pk)
    if is_manager(viewer):
        return team_of(viewer, whole_subtree=whole_subtree).filter(is_active=True)
    return User.objects.none()


def quiz_attempts_markable_by(marker, attempts):
    """The quiz engine's marking policy (``QUIZZES_MARKING_POLICY``): Sales Ops
    mark everyone's attempts, a manager marks the attempts of the people below
    them; nobody marks their own. Filters inside the query."""
    if not marker.is_authenticated or not marker.is_active:
        return attempts.none()
    if is_sales_ops(marker):
        return attempts.exclude(person=marker)
    if is_manager(marker):
        return attempts.filter(person__in=team_of(marker, whole_subtree=True))
    return attempts.none()


def can_evaluate_person(viewer, person):
    """May ``viewer`` record a practice evaluation of ``person``? Their managers
    up the line, Sales Ops, and their mentor may; nobody evaluates themself."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return False
    return person.mentor_id == viewer.pk or can_manage_person(viewer, person)


def can_view_evaluation(viewer, evaluation):
    """The evaluated person, the evaluator, the person's managers and Sales Ops
    may read an evaluation."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk in (evaluation.person_id, evaluation.evaluator_id):
        return True
    return can_manage_person(viewer, evaluation.person)


def can_read_one_on_one_notes(viewer, person):
    """Private one-on-one notes: the person's managers up the line and Sales
    Ops read them; the person, their mentor and everyone else do not."""
    return can_manage_person(viewer, person)


def may_write_one_on_one_note(viewer, person):
    """Writing a note is a manager's own record of the meeting: the person's
    managers up the line; Sales Ops read but do not hold one-on-ones."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return False
    return viewer.pk in managers_above(person.manager_id)


def active_managers():
    """Every active manager (who receives the weekly team digest)."""
    return get_user_model().objects.filter(is_active=True, groups__name=groups.MANAGERS).distinct()


def direct_reports_q(manager_ids):
    """A filter for the direct reports of many managers at once: what
    ``team_of(manager)`` gives for each of them, in one query."""
    return Q(manager_id__in=manager_ids)
