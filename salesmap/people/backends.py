from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class EmailOrUsernameBackend(ModelBackend):
    """Sign in with either the e-mail address or the username, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        login = username.strip()
        candidates = list(
            User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))[:2]
        )
        if len(candidates) != 1:
            # Run the hasher anyway so that timing does not reveal unknown users.
            User().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
