"""Writes on a person's map: sign-offs, waivers and level changes.

Who may do each is decided by the caller through ``salesmap.people.access``;
these functions keep the data right: one sign-off or waiver per person and
requirement (a second click changes nothing), only on the person's current
level, and level changes serialised on the person's row so that two
managers confirming at once promote once.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import LevelChange, LevelPage, LevelRequirement, SignOff, Waiver


class ProgressionError(Exception):
    """A refused change, with a message for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotOnCurrentLevel(ProgressionError):
    pass


class AlreadyRecorded(ProgressionError):
    pass


class NotReady(ProgressionError):
    pass


class LevelChanged(ProgressionError):
    pass


class InvalidMove(ProgressionError):
    pass


def _check_current(person, requirement):
    if requirement.level_id != person.level_id:
        raise NotOnCurrentLevel(_("This item is not on the person's current level."))


def sign_off(*, person, requirement, by, comment="", now=None):
    """Tick a sign-off requirement for ``person``. Returns the SignOff."""
    if requirement.kind != LevelRequirement.Kind.SIGN_OFF:
        raise InvalidMove(_("Only sign-off tasks are ticked by a manager."))
    _check_current(person, requirement)
    try:
        with transaction.atomic():
            return SignOff.objects.create(
                person=person,
                requirement=requirement,
                title=requirement.title[:255],
                comment=comment.strip(),
                signed_by=by,
                signed_at=now or timezone.now(),
            )
    except IntegrityError:
        raise AlreadyRecorded(_("This task is already signed off.")) from None


def waive(*, person, requirement, by, reason, now=None):
    """Excuse ``person`` from ``requirement``, with a reason. Returns the Waiver."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidMove(_("Give the reason for the waiver."))
    _check_current(person, requirement)
    try:
        with transaction.atomic():
            return Waiver.objects.create(
                person=person,
                requirement=requirement,
                title=(requirement.title or requirement.get_kind_display())[:255],
                reason=reason,
                waived_by=by,
                waived_at=now or timezone.now(),
            )
    except IntegrityError:
        raise AlreadyRecorded(_("This item is already waived.")) from None


def record_start(*, person, level, effective_on, by=None, note="", now=None):
    """Record a person's first level (a new hire's start); no readiness asked."""
    return LevelChange.objects.create(
        person=person,
        kind=LevelChange.Kind.START,
        to_level=level,
        to_title=level.title,
        effective_on=effective_on,
        decided_by=by,
        note=note,
        recorded_at=now or timezone.now(),
    )


@transaction.atomic
def change_level(
    *,
    person,
    level,
    by,
    note="",
    effective_on=None,
    expected_level_id=None,
    require_ready=True,
    now=None,
):
    """Move ``person`` to ``level`` (of any role) and record it in their history.

    ``require_ready``: a manager's promotion needs every required item done
    or waived; Sales Ops may move anyone (``require_ready=False``) and
    backdate with ``effective_on``. ``expected_level_id`` is the level the
    decider saw: if the person moved meanwhile, nothing changes.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    effective_on = effective_on or today
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=person.pk)
    if locked.level_id != expected_level_id:
        raise LevelChanged(
            _("This person's level changed meanwhile. Reload the page and decide again.")
        )
    if not isinstance(level, LevelPage) or not level.live:
        raise InvalidMove(_("Choose a published level."))
    if level.pk == locked.level_id:
        raise InvalidMove(_("The person is already at this level."))
    if effective_on > today:
        raise InvalidMove(_("The date cannot be in the future."))
    history = selectors.history_of(locked)
    if history and effective_on < history[0].effective_on:
        raise InvalidMove(
            _("The date cannot be before their last level change (%(date)s).")
            % {"date": history[0].effective_on.isoformat()}
        )
    if require_ready and locked.level_id:
        evaluations = selectors.evaluations_for_plan(locked)
        plan = selectors.plan_for(
            locked, locked.level, history=history, evaluations=evaluations, today=today
        )
        if not plan.ready:
            raise NotReady(
                _("Not every required item of %(level)s is done or waived yet.")
                % {"level": locked.level.title}
            )
    previous = locked.level
    locked.level = level
    locked.role_id = level.get_parent().pk
    locked.save(update_fields=["level", "role"])
    person.level, person.role_id = locked.level, locked.role_id
    if previous is None:
        kind = LevelChange.Kind.START
    else:
        kind = LevelChange.Kind.PROMOTION if require_ready else LevelChange.Kind.MOVE
    return LevelChange.objects.create(
        person=locked,
        kind=kind,
        from_level=previous,
        from_title=previous.title if previous else "",
        to_level=level,
        to_title=level.title,
        effective_on=effective_on,
        note=note.strip(),
        decided_by=by,
        recorded_at=now,
    )


def record_admin_move(*, person, from_level_id, by, now=None):
    """Record a level set in the People admin (or a first level) in the
    person's history: their start when they had none, else a move dated today."""
    now = now or timezone.now()
    previous = LevelPage.objects.filter(pk=from_level_id).first() if from_level_id else None
    first = previous is None and not LevelChange.objects.filter(person=person).exists()
    return LevelChange.objects.create(
        person=person,
        kind=LevelChange.Kind.START if first else LevelChange.Kind.MOVE,
        from_level=previous,
        from_title=previous.title if previous else "",
        to_level=person.level,
        to_title=person.level.title,
        effective_on=(person.start_date if first and person.start_date else None)
        or timezone.localdate(now),
        decided_by=by if by is not None and by.is_authenticated else None,
        recorded_at=now,
    )
