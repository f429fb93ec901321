from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .access import access_for
from .roles import MFA_REQUIRED

MFA_OK_SESSION_KEY = "digiorg_mfa_ok"


class UserLanguageMiddleware:
    """A signed-in user's preferred language wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


def mfa_required(user) -> bool:
    access = access_for(user)
    return user.is_superuser or any(roles & MFA_REQUIRED for roles in access.wide.values())


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class MfaRequiredMiddleware:
    """Administrators and the secretariat must set up TOTP before they can use anything else.

    allauth asks for the code at every login once TOTP is set up; this closes the gap for
    a person whose role requires it but who has not set it up yet.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.session.get(MFA_OK_SESSION_KEY) != user.pk
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            if mfa_required(user) and not has_totp(user):
                return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
            request.session[MFA_OK_SESSION_KEY] = user.pk
        return self.get_response(request)
