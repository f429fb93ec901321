from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "digiorg.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Membership, User

        auditlog.register(
            User,
            include_fields=[
                "username", "name", "email", "preferred_language", "organization", "is_active",
                "is_staff", "is_superuser",
            ],
        )  # fmt: skip
        auditlog.register(Membership, include_fields=["user", "unit", "role"])

        from allauth.mfa.signals import authenticator_added

        authenticator_added.connect(_totp_added_counts_as_passed, dispatch_uid="digiorg-totp")


def _totp_added_counts_as_passed(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP means typing a valid code: the session has passed the second factor,
    so the person is not sent back to the login page by MfaRequiredMiddleware."""
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and authenticator.type == authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
