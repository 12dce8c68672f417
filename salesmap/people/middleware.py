from django.core.exceptions import PermissionDenied
from django.utils import translation

from .access import may_enter_admin

ADMIN_PREFIX = "/admin/"
# Wagtail's own sign-in page sits inside the admin; leave it reachable so that
# it can redirect to ours.
_ADMIN_OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class AdminAreaMiddleware:
    """New hires and managers never enter the Wagtail admin: a signed-in person
    without admin access gets our 403 page instead of Wagtail's login loop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(_ADMIN_OPEN_PATHS)
            and request.user.is_authenticated
            and not may_enter_admin(request.user)
        ):
            raise PermissionDenied
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """A signed-in person sees the site in the language of their profile; the
    language switch updates the profile. Anonymous visitors get the cookie or
    the browser's language, as Django's LocaleMiddleware decides."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
