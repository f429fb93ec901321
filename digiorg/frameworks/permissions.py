"""Who may change the framework library (shared by every department on the instance)."""

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role


def framework_may_load(user) -> bool:
    """Load or upgrade a framework file: a department's secretariat or administrator, who runs
    the year's cycle (the same people as `digiorg load_framework` on the server)."""
    return any(roles & {Role.SECRETARIAT, Role.ADMIN} for roles in access_for(user).wide.values())
