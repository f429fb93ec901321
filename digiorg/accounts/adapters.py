from allauth.account.adapter import DefaultAccountAdapter
from django.db.models import Q

from .models import User


def user_for_login(login: str) -> User | None:
    """The one person a typed login (username or e-mail address, any case) names, if any."""
    if not login:
        return None
    matches = list(User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))[:2])
    return matches[0] if len(matches) == 1 else None


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """People are created by the department's administrators, never by themselves."""
        return False

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins count against the person, whichever of their names was typed, so
        locking the username also locks the e-mail address (and the other way round). A login
        that names nobody is counted on the text typed. The per-address limit stays as set in
        ACCOUNT_RATE_LIMITS."""
        login = credentials.get("email") or credentials.get("username") or ""
        user = user_for_login(login)
        if user is not None:
            return f"user:{user.pk}"
        return super()._get_login_attempts_cache_key(request, **credentials)
