"""Signed-in test clients for the tests and the bench: a session as after a real login."""

from allauth.account.internal.flows.login import record_authentication
from django.test import Client, RequestFactory

from .models import User


def pass_mfa(client: Client, user: User) -> None:
    """Record in the client's session that it passed the second factor, as allauth does
    after a right TOTP code (force_login alone is a password-only session)."""
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


def signed_in(user: User) -> Client:
    """A client signed in as `user` with the second factor passed."""
    client = Client()
    client.force_login(user)
    pass_mfa(client, user)
    return client
