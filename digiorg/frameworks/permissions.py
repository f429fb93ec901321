"""Who may change the framework library. Frameworks are library data every signed-in user
reads; loading a year's file is the secretariat's work (DESIGN: the secretariat loads the year's
framework), and the platform operators'."""

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role


def framework_may_load(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or access_for(user).has_role(Role.SECRETARIAT)
