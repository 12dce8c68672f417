from .models import LevelPage


def role_map_for(person):
    """The levels of ``person``'s role in order, each marked done / current /
    next relative to the person's level. Two queries (levels and the person's
    current level path are already on the person)."""
    if person.role_id is None:
        return []
    role = person.role
    levels = list(LevelPage.objects.child_of(role).live().order_by("path"))
    current_path = person.level.path if person.level_id else None
    steps = []
    for level in levels:
        if current_path is None:
            state = "upcoming"
        elif level.path < current_path:
            state = "done"
        elif level.path == current_path:
            state = "current"
        else:
            state = "upcoming"
        steps.append({"level": level, "state": state})
    return steps
