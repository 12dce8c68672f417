from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access
from .forms import EmailPreferencesForm


@require_GET
def landing(request):
    """Where sign-in leads: Sales Ops to the admin, managers to their team,
    everyone else to the Sales Map home."""
    user = request.user
    if access.is_sales_ops(user) and access.may_enter_admin(user):
        return redirect("wagtailadmin_home")
    if access.is_manager(user):
        return redirect("my_team")
    return redirect("/")


@require_http_methods(["GET", "POST"])
def email_preferences(request):
    """A person turns e-mail reminders and digests on or off for themself
    (the link at the foot of every such e-mail leads here)."""
    form = EmailPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("email_preferences")
        return render(request, "people/email_preferences.html", {"form": form}, status=400)
    return render(request, "people/email_preferences.html", {"form": form})


@login_not_required
@require_POST
def switch_language(request):
    """Set the interface language (a POST form in the header); signed-in
    people keep it in their profile, so e-mails use it too."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Unknown language."), content_type="text/plain")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    translation.activate(language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response
