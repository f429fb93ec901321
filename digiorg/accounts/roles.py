from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    SECRETARIAT = "secretariat", _("secretariat")
    EXECUTIVE = "executive", _("executive")
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")
    AUDITOR = "auditor", _("auditor")


# Roles that see the whole department, whichever unit the membership names.
DEPARTMENT_WIDE = {Role.ADMIN, Role.SECRETARIAT, Role.EXECUTIVE, Role.AUDITOR}
# Roles that must sign in with a second factor (TOTP).
MFA_REQUIRED = {Role.ADMIN, Role.SECRETARIAT}
