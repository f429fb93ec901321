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
