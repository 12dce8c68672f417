"""Which pages a person may open, read for a person rather than a request.

Wagtail checks a page's view restrictions when it serves the page; listings
(search results, course outlines) must hide what the person could not open,
or a restricted title leaks. Shared by the site search and the lessons app.
"""

from wagtail.models import PageViewRestriction

_GROUPS_CACHE_ATTR = "_salesmap_group_names"


def group_names(user):
    """The names of the user's groups, fetched once per user object (one query;
    none for an anonymous visitor). A request's user is one object, so every
    check in the request shares the answer."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _GROUPS_CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _GROUPS_CACHE_ATTR, cached)
    return cached


def passes(restriction, user, user_groups):
    """Whether ``user`` (in the groups named ``user_groups``) passes ``restriction``."""
    if restriction.restriction_type == PageViewRestriction.NONE:
        return True
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return user.is_superuser or any(g.name in user_groups for g in restriction.groups.all())
    # Shared passwords are switched off (WAGTAIL_PRIVATE_PAGE_OPTIONS); a page
    # that still has one is never listed.
    return False


def hidden_paths(user, user_groups=None):
    """Tree paths of the pages behind a view restriction ``user`` does not pass;
    their descendants are hidden too. Two queries (three on first use of the
    user's groups)."""
    if user_groups is None:
        user_groups = group_names(user)
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return sorted(
        {
            restriction.page.path
            for restriction in restrictions
            if not passes(restriction, user, user_groups)
        }
    )


def exclude_paths(pages, paths):
    """``pages`` (a queryset) without those under any of ``paths`` (from ``hidden_paths``)."""
    for path in paths:
        pages = pages.exclude(path__startswith=path)
    return pages
