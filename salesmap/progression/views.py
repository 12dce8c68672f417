from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors import role_map_for


@require_GET
def my_onboarding(request):
    """The person's own map: their role's levels as steps, where they stand."""
    person = request.user
    today = timezone.localdate()
    return render(
        request,
        "progression/my_onboarding.html",
        {
            "person": person,
            "levels": role_map_for(person),
            "days_since_start": (today - person.start_date).days if person.start_date else None,
        },
    )
