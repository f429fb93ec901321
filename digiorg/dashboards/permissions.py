"""Who may see which dashboard. The department's figures follow scoring.permissions (one rule
for scores everywhere); the national view is for the platform's operators."""


def may_see_national(user) -> bool:
    """Every department of the platform: the national agency (platform superusers)."""
    return bool(user.is_superuser)
