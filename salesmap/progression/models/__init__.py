from .pages import MAX_MONTHS_AT_LEVEL, LevelPage, RolePage, RolesIndexPage
from .records import LevelChange, SignOff, Waiver
from .requirements import LevelRequirement

__all__ = [
    "MAX_MONTHS_AT_LEVEL",
    "LevelChange",
    "LevelPage",
    "LevelRequirement",
    "RolePage",
    "RolesIndexPage",
    "SignOff",
    "Waiver",
]
