from allauth.account.authentication import get_authentication_records
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from .access import access_for
from .roles import MFA_REQUIRED

# Set once this session is known to be fine: it passed the second factor, or its person
# needed none when the session began (a role that requires TOTP, granted during an open
# session, takes effect at the next login; sessions end with the browser and after
# DIGIORG_SESSION_SECONDS). Holds the user's pk so a marker never carries over to another login.
MFA_CHECKED_SESSION_KEY = "digiorg_mfa_checked"


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


def session_passed_mfa(request, user) -> bool:
    """allauth records each step of a login in the session; "mfa" is the second factor."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class MfaRequiredMiddleware:
    """A person with TOTP, or whose role requires it, uses nothing until THIS session has
    passed the second factor.

    - TOTP set up but the session never passed it (a login that went around allauth): the
      session ends and the person signs in again through the login page, which asks the code.
    - Role requires TOTP but none is set up: only the set-up pages (under /accounts/) open.
    """

    EXEMPT_PREFIXES = ("/static/", "/healthz")
    SETUP_PREFIXES = ("/accounts/", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.session.get(MFA_CHECKED_SESSION_KEY) != user.pk
            and not request.path.startswith(self.EXEMPT_PREFIXES)
        ):
            if session_passed_mfa(request, user):
                request.session[MFA_CHECKED_SESSION_KEY] = user.pk
            elif has_totp(user):
                logout(request)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('account_login')}?{query}")
            elif mfa_required(user):
                if not request.path.startswith(self.SETUP_PREFIXES):
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse('mfa_activate_totp')}?{query}")
            else:
                request.session[MFA_CHECKED_SESSION_KEY] = user.pk
        return self.get_response(request)
