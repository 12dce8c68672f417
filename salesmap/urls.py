from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from salesmap import views as project_views
from salesmap.people import views as people_views
from salesmap.people.forms import SignInForm
from salesmap.search import views as search_views
from standards.api import api_router

urlpatterns = [
    path("healthz", project_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("language/", people_views.switch_language, name="switch_language"),
    path("start/", people_views.landing, name="landing"),
    path("team/", include("salesmap.review.urls")),
    path("account/email/", people_views.email_preferences, name="email_preferences"),
    path("onboarding/", include("salesmap.progression.urls")),
    path("practice/", include("salesmap.practice.urls")),
    path("standards/", include("standards.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("lessons/", include("lessons.urls")),
    path("api/v2/", api_router.urls),
    path("search/", search_views.search, name="search"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving last: everything else is the Sales Map.
    path("", include(wagtail_urls)),
]

handler400 = "salesmap.views.bad_request"
handler403 = "salesmap.views.permission_denied"
handler404 = "salesmap.views.page_not_found"
handler500 = "salesmap.views.server_error"
