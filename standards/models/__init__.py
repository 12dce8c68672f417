from .acknowledgement import AcknowledgeablePageMixin, Acknowledgement, PageChange
from .pages import (
    ClientGroup,
    FunnelPage,
    FunnelStagePage,
    NormRule,
    NormsIndexPage,
    NormsTopicPage,
    StageVariant,
)
from .review import PageReview, PageVerification, ReviewedPageMixin
from .suggestions import Suggestion

__all__ = [
    "AcknowledgeablePageMixin",
    "Acknowledgement",
    "ClientGroup",
    "FunnelPage",
    "FunnelStagePage",
    "NormRule",
    "NormsIndexPage",
    "NormsTopicPage",
    "PageChange",
    "PageReview",
    "PageVerification",
    "ReviewedPageMixin",
    "StageVariant",
    "Suggestion",
]
